// The module's records as JSON objects: the API's bodies and the audit trail's before/after use
// the same shape, so what an inspector reads is what the screens showed. Identity numbers never
// appear in clear: proposal contents (`isi`) are masked for the audit (mask_isi).
#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "verivali/model.hpp"

namespace pilar::verivali {

boost::json::object to_json(Usulan const& u);
boost::json::object to_json(Riwayat const& r);
boost::json::object to_json(Musyawarah const& m);
boost::json::object to_json(Lampiran const& l);
boost::json::object to_json(DaftarPeriksa const& d);
boost::json::object to_json(PeriksaItem const& it);

// The proposal for the audit trail: like to_json, with every 16-digit run in `isi` (a NIK or a
// No. KK someone proposed to correct) masked as "3671********0001".
std::string usulan_audit_json(Usulan const& u);
// A ground-check item for the audit trail, its answers masked the same way.
std::string item_audit_json(PeriksaItem const& it);

}  // namespace pilar::verivali
