// JSON shapes of the registry's records, shared by the API and the audit trail (so a record's
// history shows the same fields the API does).
#pragma once

#include <boost/json/object.hpp>

#include "http/json_writer.hpp"
#include "registry/model.hpp"

namespace pilar::registry {

boost::json::object encode(Keluarga const& k);
boost::json::object encode(Anggota const& a);
boost::json::object encode(PpksEntry const& p);
// The same shapes written straight as text (what encode() parses back into a DOM): the person
// and list reads use these, without building the DOM.
void write(http::JsonWriter& w, Keluarga const& k);
// The same bytes as write() of the Keluarga the view's row makes (one template writes both).
void write(http::JsonWriter& w, KeluargaView const& k);
void write(http::JsonWriter& w, Anggota const& a);
// The same bytes as write() of the Anggota the view's row makes (one list of members serves both).
void write(http::JsonWriter& w, AnggotaView const& a);
void write(http::JsonWriter& w, PpksEntry const& p);
// A person's members without the braces (write() puts them in braces), for views that add their
// own fields; the audit's view leaves out "data_khusus_disertakan" (with_special_flag false).
void write_members(http::JsonWriter& w, Anggota const& a, bool with_special_flag);
// The members whose values differ between two versions of a person (without
// "data_khusus_disertakan"): the old values into `before`, the new into `after`, in write order.
void write_changed_members(http::JsonWriter& before, http::JsonWriter& after, Anggota const& a, Anggota const& b);
void write_changed_members(http::JsonWriter& before, http::JsonWriter& after, AnggotaView const& a, AnggotaView const& b);

}  // namespace pilar::registry
