// The workforce records as JSON (the API's bodies and the audit trail's before/after use the same
// shape), and the one reader of an activity report's JSON, shared by POST /api/v1/laporan-kegiatan
// and the offline op "kegiatan.buat" so a report reads the same however it arrived.
#pragma once

#include <boost/json/object.hpp>

#include "workforce/service.hpp"

namespace pilar::workforce {

boost::json::object to_json(PilarSosial const& p);
boost::json::object to_json(Sk const& s);
boost::json::object to_json(Penugasan const& p);
boost::json::object to_json(Laporan const& l);
boost::json::object to_json(Foto const& f);
boost::json::object to_json(Cakupan const& c);
boost::json::object to_json(Rekap const& r);
boost::json::object to_json(RekapBaris const& b);
boost::json::object to_json(Peringkat const& p);
boost::json::object to_json(Aturan const& a);
// The Aturan's fields plus kode_kota and `daftar`: each rule's kind, value, default, range, last change.
boost::json::object to_json(AturanKota const& k);
boost::json::object to_json(LaporanKecamatan const& l);
// A map-ready feed: a GeoJSON FeatureCollection, one Feature per kelurahan (a Point at the mean
// position of its activity reports, or null geometry when none has GPS) with the coverage counts.
boost::json::object to_geojson(Cakupan const& c);

// {uid, pilar_id, tanggal, jenis, uraian, kode_wilayah, lat, lon, sasaran: [{keluarga_id, anggota_id}]}
Result<LaporanInput> laporan_input(boost::json::object const& o);
Result<PilarInput> pilar_input(boost::json::object const& o);

}  // namespace pilar::workforce
