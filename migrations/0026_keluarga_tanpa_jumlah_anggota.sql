-- Registry (src/registry): a household's member count is no longer stored. `keluarga.jumlah_anggota`
-- (0004) was the number of its members with status_keberadaan 'ada', kept by every write of a
-- member (the API, sync, the bulk import: an UPDATE of every household a member load touched).
-- The API still gives `jumlah_anggota`, counted when a household is read
-- (registry/store.cpp, keluarga_select) through the index anggota_by_keluarga, so no path can
-- leave a wrong number behind. No index, trigger or view names the column, and the households'
-- row_hash never covered it (it hashes the imported fields), so the stored hashes stay valid.
ALTER TABLE keluarga DROP COLUMN jumlah_anggota;
