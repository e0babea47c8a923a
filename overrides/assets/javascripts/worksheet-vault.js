/* The vault: every worksheet's kept answers, sealed (worksheet-crypto.js), in localStorage under
 * extra.worksheets.storage_prefix (mkdocs.yml):
 *   <prefix>vault           the answers as last kept;
 *   <prefix>vault-previous  the copy before the last save (a backup if the vault is damaged);
 *   <prefix>vault-replaced  a vault this page could not open when it saved (something else wrote
 *                           it: another file, another person): kept, never silently lost.
 * Nothing is written before the user chooses "Keep". Sets window.hbWorksheets.vault; in Node,
 * module.exports with a storage given by the tests. */
((root) => {
  "use strict";

  const crypto = root.hbWorksheets ? root.hbWorksheets.crypto : require("./worksheet-crypto.js");
  const FORMAT = "safer-working-environment/vault";
  // Sealed vault at most this many characters: three copies stay below a page's 5 MB of storage.
  const MAX_CHARACTERS = 1500000;

  function create(prefix, storage) {
    const name = (slot) => `${prefix}${slot}`;
    const SLOTS = ["vault", "vault-previous", "vault-replaced"];

    function read(slot = "vault") {
      try {
        const box = JSON.parse(storage().getItem(name(slot)));
        return crypto.isSealed(box, FORMAT) ? box : null;
      } catch {
        return null;
      }
    }

    /* Whether anything of the handbook's is in storage (damaged data too). */
    function present() {
      try {
        return SLOTS.some((slot) => storage().getItem(name(slot)) !== null);
      } catch {
        return false;
      }
    }

    const kept = () => Boolean(read("vault") || read("vault-previous"));

    async function opens(key, box) {
      try {
        return { worksheets: (await crypto.openWithKey(key, box)).worksheets };
      } catch {
        return null;
      }
    }

    /* Seals and stores the worksheets with the key; the vault it replaces becomes the previous
     * copy when this key opens it, the replaced copy when it does not. Throws "toolarge", "full"
     * or "unavailable"; then nothing stored has changed. Returns {replaced} (true when the vault
     * was not this key's). */
    async function write(key, head, worksheets) {
      const text = JSON.stringify(await crypto.sealWithKey(key, { ...head, format: FORMAT }, { worksheets }));
      if (text.length > MAX_CHARACTERS) throw new Error("toolarge");
      let store;
      try {
        store = storage();
      } catch {
        throw new Error("unavailable");
      }
      const current = store.getItem(name("vault"));
      const box = read("vault");
      const ours = box && (await opens(key, box));
      try {
        if (current !== null) store.setItem(name(ours ? "vault-previous" : "vault-replaced"), current);
        store.setItem(name("vault"), text);
      } catch {
        throw new Error("full");
      }
      return { replaced: current !== null && !ours };
    }

    /* Opens the kept answers with a passphrase: the vault, else the previous copy (when the vault
     * was damaged or replaced). Returns {key, head, worksheets, from, v1} or null. */
    async function unlock(passphrase) {
      for (const slot of ["vault", "vault-previous"]) {
        const box = read(slot);
        if (!box) continue;
        try {
          const { key, value } = await crypto.open(passphrase, box);
          return { key, head: crypto.headerOf(box, FORMAT, ""), worksheets: crypto.isObject(value.worksheets) ? value.worksheets : {},
            from: slot, v1: box.version === undefined };
        } catch { /* not this passphrase, or altered: try the previous copy */ }
      }
      return null;
    }

    /* What the vault holds now, if this key opens it (another tab of the handbook saved). */
    async function reread(key) {
      const box = read("vault");
      return box ? opens(key, box) : null;
    }

    function erase() {
      try {
        const store = storage();
        for (const key of Object.keys(store)) if (key.startsWith(prefix)) store.removeItem(key);
        return true;
      } catch {
        return false;
      }
    }

    return { FORMAT, name, read, present, kept, write, unlock, reread, erase };
  }

  const api = { FORMAT, MAX_CHARACTERS, create };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.hbWorksheets.vault = api;
})(typeof window === "object" ? window : globalThis);
