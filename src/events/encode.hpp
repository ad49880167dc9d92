// JSON shapes of the events module's records: what the API answers and what the audit trail
// records as before/after. Tokens (the QR content) are included only where asked (a
// participant's own card), never in lists.
#pragma once

#include <boost/json.hpp>

#include "events/model.hpp"

namespace pilar::events {

enum class WithToken { No, Yes };

boost::json::object to_json(Acara const& a);
boost::json::object to_json(Sesi const& s);
boost::json::object to_json(Peserta const& p, WithToken token = WithToken::No);
boost::json::object to_json(Hadir const& h);
boost::json::object to_json(Undian const& u);
boost::json::object to_json(VerifikasiSertifikat const& v);
boost::json::object to_json(PelatihanDiikuti const& p);

}  // namespace pilar::events
