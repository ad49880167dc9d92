// Reading registry records from JSON (REST bodies and offline-sync ops alike): a value becomes
// the text a CSV cell would hold, so one validator (columns.hpp) serves every way in.
//
//   auto rec = PILAR_TRY(record_of<KCol>(body, keluarga_columns(), {"uid"}));   // create
//   auto changes = PILAR_TRY(changes_of(body, {"version", "alasan"}));           // update
#pragma once

#include <boost/json/object.hpp>

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "registry/columns.hpp"
#include "registry/service.hpp"

namespace pilar::registry {

// Numbers as written, lists joined with ';', null as empty (clears the column).
Result<std::optional<std::string>> cell_of(std::string_view key, boost::json::value const& v);

// Every key but the `control` ones, as column changes (unknown names are the service's to refuse).
Result<Changes> changes_of(boost::json::object const& data, std::initializer_list<std::string_view> control);

// A whole record; a key that is not a column of `specs` (nor a control key) is refused.
template <typename Col>
Result<Record<Col>> record_of(boost::json::object const& data, std::span<ColumnSpec const> specs,
                              std::initializer_list<std::string_view> control);

}  // namespace pilar::registry
