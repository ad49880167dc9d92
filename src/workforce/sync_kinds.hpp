// The workforce's offline op kinds for POST /api/v1/sync (src/sync): what a PSM's phone queues
// without signal.
//
//   kegiatan.buat  data: like POST /api/v1/laporan-kegiatan (uid required: the device's id)
//   kegiatan.foto  data: uid, laporan_uid (the report's device id) or laporan_id, "berkas" (base64
//                  of a JPEG/PNG/WebP; the phone shrinks photos first)
#pragma once

#include "sync/sync.hpp"
#include "workforce/service.hpp"

namespace pilar::workforce {

void register_sync_kinds(sync::SyncRegistry& kinds, WorkforceService& service);

}  // namespace pilar::workforce
