/* Worksheet encryption: the sealed boxes kept in the browser (the vault) and written to files.
 * Passphrase → PBKDF2-SHA-256 (random 16-byte salt) → a non-extractable AES-GCM 256 key → a fresh
 * 12-byte IV for every seal. Format 2 binds its header (format, version, worksheet, KDF name,
 * iterations, salt) to the ciphertext as AES-GCM additional data: changing any of it makes the
 * box fail to open. Format 1 boxes (first edition) still open, and are written again as format 2.
 * Iterations are accepted only from ITERATIONS.min to ITERATIONS.max (mkdocs.yml, hooks/
 * worksheets.py check the configured count against the same range).
 * Classic script: sets window.hbWorksheets.crypto in the page, module.exports in Node (tests/js). */
((root) => {
  "use strict";

  const VERSION = 2;
  const KDF = "PBKDF2-SHA-256";
  const ITERATIONS = { min: 600000, max: 2000000 };
  function toBase64(bytes) {
    const all = new Uint8Array(bytes);
    let text = "";
    for (let start = 0; start < all.length; start += 0x8000) text += String.fromCharCode(...all.subarray(start, start + 0x8000));
    return btoa(text);
  }
  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const inRange = (n) => Number.isInteger(n) && n >= ITERATIONS.min && n <= ITERATIONS.max;

  /* Passphrase → key material → PBKDF2-SHA-256 → AES-GCM key that cannot be exported. */
  async function deriveKey(passphrase, salt, iterations) {
    const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
    return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material,
      { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  }

  /* The header a box is bound to. */
  const header = (format, worksheet, kdf) => ({ format, version: VERSION, ...(worksheet ? { worksheet } : {}), kdf });
  const additionalData = (box) => new TextEncoder().encode(JSON.stringify(
    [box.format, box.version, box.worksheet || "", box.kdf.name, box.kdf.iterations, box.kdf.salt]));

  /* Seals a value under a key with a fresh IV, bound to `head`. */
  async function sealWithKey(key, head, value) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const box = { ...head, iv: toBase64(iv) };
    const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: additionalData(box) }, key,
      new TextEncoder().encode(JSON.stringify(value)));
    return { ...box, data: toBase64(data) };
  }

  /* A new key from the passphrase and a fresh salt, and the value sealed with it. */
  async function seal(passphrase, format, worksheet, value, iterations) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await deriveKey(passphrase, salt, iterations);
    const head = header(format, worksheet, { name: KDF, iterations, salt: toBase64(salt) });
    return { key, head, box: await sealWithKey(key, head, value) };
  }

  /* Opens a box of format 2 or 1; throws on a wrong key or anything altered (AES-GCM checks). */
  async function openWithKey(key, box) {
    const v1 = box.version === undefined;
    const iv = fromBase64(v1 ? box.cipher.iv : box.iv);
    const plain = await crypto.subtle.decrypt(v1 ? { name: "AES-GCM", iv } : { name: "AES-GCM", iv, additionalData: additionalData(box) },
      key, fromBase64(box.data));
    return JSON.parse(new TextDecoder().decode(plain));
  }

  const saltOf = (box) => fromBase64(box.kdf.salt);

  async function open(passphrase, box) {
    const key = await deriveKey(passphrase, saltOf(box), box.kdf.iterations);
    return { key, value: await openWithKey(key, box) };
  }

  /* The header to write a box again as format 2 with the same key (same salt and iterations). */
  const headerOf = (box, format, worksheet) => header(format, worksheet,
    { name: KDF, iterations: box.kdf.iterations, salt: box.kdf.salt });

  /* A box as format 2 or 1 writes it, checked before any key is derived. */
  function isSealed(box, format) {
    try {
      if (!isObject(box) || !isObject(box.kdf) || !inRange(box.kdf.iterations) || fromBase64(box.kdf.salt).length !== 16 ||
          typeof box.data !== "string" || fromBase64(box.data).length <= 16) return false;
      if (box.version === undefined) {
        return box.kdf.name === "PBKDF2" && box.kdf.hash === "SHA-256" && isObject(box.cipher) && box.cipher.name === "AES-GCM" &&
          fromBase64(box.cipher.iv).length === 12;
      }
      return box.version === VERSION && box.format === format && box.kdf.name === KDF && typeof box.iv === "string" &&
        fromBase64(box.iv).length === 12;
    } catch {
      return false;
    }
  }

  const api = { VERSION, KDF, ITERATIONS, deriveKey, header, sealWithKey, seal, openWithKey, open, headerOf, isSealed,
    toBase64, fromBase64, isObject };
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.hbWorksheets = root.hbWorksheets || {}).crypto = api;
})(typeof window === "object" ? window : globalThis);
