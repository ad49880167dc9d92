// The registry's offline op kinds for POST /api/v1/sync (src/sync): what a PSM's phone queues
// when it registers or edits a household or a person without signal.
//
//   keluarga.buat  data: keluarga.csv columns + "uid" (the device's id for the new household)
//   keluarga.ubah  data: "id" or "uid", "alasan", the columns that change; version: the one edited
//   anggota.buat   data: anggota.csv columns (no no_kk) + "uid" + "keluarga_id" or "keluarga_uid"
//                  (a household made offline in the same queue, known only by its uid)
//   anggota.ubah   data: "id" or "uid", "alasan", the columns that change; version
//
// Values are read like the REST bodies (registry/api.cpp): text, numbers as written, lists
// joined with ';', null clears. A stale version is "konflik" with the current record.
//
//   sync::SyncRegistry kinds;
//   registry::register_sync_kinds(kinds, registry_service);   // in the composition root
#pragma once

#include "registry/service.hpp"
#include "sync/sync.hpp"

namespace pilar::registry {

void register_sync_kinds(sync::SyncRegistry& kinds, RegistryService& service);

}  // namespace pilar::registry
