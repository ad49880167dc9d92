// JSON shapes of the privacy module's records (API bodies, audit before/after, the export).
#pragma once

#include <boost/json/object.hpp>

#include "core/error.hpp"
#include "privacy/model.hpp"

namespace pilar::privacy {

boost::json::object to_json(DasarHukum const& d);
boost::json::object to_json(EvaluasiHapus const& e, Lang lang);
boost::json::object to_json(HasilHapus const& h);

}  // namespace pilar::privacy
