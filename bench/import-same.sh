#!/usr/bin/env bash
# Are two imports the same? Compares what `pilar import keluarga|anggota` writes in two data dirs
# made from copies of one data dir (same key, so blind indexes agree): every table the import
# writes, row for row with SQL EXCEPT both ways, leaving out only what differs by design between
# two runs (ciphertexts: random nonces; timestamps). Also the schema (indexes and triggers put
# back) and PRAGMA integrity_check. Prints one line per check and exits 1 on any difference.
#
#   bench/import-same.sh OLD_DATA_DIR NEW_DATA_DIR
set -euo pipefail
a="$1/pilar.db"
b="$2/pilar.db"
status=0

check() {  # name, select (columns of both databases' tables)[, the second database's select]
  local name="$1" sel="$2" sel_b="${3:-$2}" n
  n=$(sqlite3 "$a" "ATTACH '$b' AS n;
    SELECT (SELECT COUNT(*) FROM (${sel//@/main.} EXCEPT ${sel_b//@/n.}))
         + (SELECT COUNT(*) FROM (${sel_b//@/n.} EXCEPT ${sel//@/main.}));")
  printf '%-16s %s\n' "$name" "$([ "$n" = 0 ] && echo same || echo "DIFFERENT ($n rows)")"
  [ "$n" = 0 ] || status=1
}

check keluarga "SELECT id, uid, no_kk_bi, no_kk_mask, kode_kelurahan, rw, rt, kode_wilayah, alamat, lat, lon, desil,
  status_bangunan, status_lahan, luas_lantai, jenis_lantai, jenis_dinding, kondisi_dinding, jenis_atap, kondisi_atap,
  jumlah_kamar, sumber_air, sumber_penerangan, daya_listrik, bahan_bakar, fasilitas_bab, aset, status,
  version, created_by, updated_by, row_hash FROM @keluarga"
# Each household's member count as the API gives it: stored in keluarga.jumlah_anggota before
# migration 0026, counted on read since (registry/store.cpp, keluarga_select).
member_count() {  # database
  if [ -n "$(sqlite3 "$1" "SELECT 1 FROM pragma_table_info('keluarga') WHERE name = 'jumlah_anggota'")" ]; then
    echo "SELECT id, jumlah_anggota FROM @keluarga"
  else
    echo "SELECT k.id, (SELECT COUNT(*) FROM @anggota a WHERE a.keluarga_id = k.id AND a.status_keberadaan = 'ada') FROM @keluarga k"
  fi
}
check jumlah_anggota "$(member_count "$a")" "$(member_count "$b")"
check anggota "SELECT id, uid, keluarga_id, nik_bi, nik_mask, nama, nama_cari, jenis_kelamin, tempat_lahir, tanggal_lahir,
  hubungan, status_kawin, pendidikan, pekerjaan, nisn, sekolah, disabilitas_enc IS NULL, penyakit_kronis_enc IS NULL,
  nik_enc IS NULL, status_keberadaan, status_padan, kode_wilayah, version, created_by, updated_by, row_hash, tahun_lahir,
  dianonimkan_pada, digabung_ke FROM @anggota"
check anggota_ppks "SELECT id, anggota_id, ppks, sejak, sampai, dinilai_oleh, bukti_enc IS NULL, kode_wilayah FROM @anggota_ppks"
check anggota_ubah "SELECT seq, anggota_id FROM @anggota_ubah"
check dash_jumlah "SELECT ukuran, kode, kunci, n FROM @dash_jumlah"
check registry_import "SELECT id, jenis, baris, baru, berubah, sama, ditolak, oleh FROM @registry_import"
check audit "SELECT seq, actor_username, action, entity, entity_id FROM @audit_log"
check schema "SELECT type, name, tbl_name, sql FROM @sqlite_master"
for db in "$a" "$b"; do
  r=$(sqlite3 "$db" "PRAGMA integrity_check")
  printf '%-16s %s\n' "integrity" "$db: $r"
  [ "$r" = ok ] || status=1
done
exit $status
