-- Registry (src/registry): anggota_by_keluarga (0004) also holds each member's status_keberadaan,
-- so a household's member count (its members with status_keberadaan 'ada', counted on every read
-- since 0026: registry/store.cpp, keluarga_select and view_keluarga_page) is read from the index
-- alone, without one table row per member. Every look-up by keluarga_id uses it as before. The
-- household list page took about 13 % less server CPU with it (bench/RESULTS.md, issue 5 read
-- section, h-kl4); rebuilding it over 2,000,000 members takes about 3 s.
DROP INDEX anggota_by_keluarga;
CREATE INDEX anggota_by_keluarga ON anggota (keluarga_id, status_keberadaan);
