// The worksheet scripts' pure parts, loaded in Node the way the page loads them (tests/js).
const dir = "../../overrides/assets/javascripts";
module.exports = {
  ...require(`${dir}/worksheet-crypto.js`),
  file: require(`${dir}/worksheet-file.js`),
  passphrase: require(`${dir}/worksheet-passphrase.js`),
  outputs: require(`${dir}/worksheet-outputs.js`),
  vault: require(`${dir}/worksheet-vault.js`),
  date: require(`${dir}/worksheet-date.js`),
};
