// The worksheet scripts' pure parts, loaded in Node the way the page loads them (tests/js).
module.exports = require("../../overrides/assets/javascripts/worksheets.js");
