// Verivali's offline op kinds for POST /api/v1/sync (src/sync): what a PSM's phone queues for
// proposals and ground checks without signal.
//
//   usulan.buat     data: like POST /api/v1/usulan (uid, jenis, alasan, keluarga_id, anggota_id, isi,
//                   catatan); "keluarga_uid" instead of keluarga_id for a household made offline
//   periksa.hasil   data: "id" (the ground-check item), hasil 1-6, lat, lon, jawaban; version: the
//                   item's version the PSM saw (a stale one is "konflik" with the item as it is)
//   lampiran.unggah data: uid, pemilik ("periksa" or "usulan"), pemilik_id, "berkas" (base64 of a
//                   JPEG/PNG/WebP/PDF; the phone compresses photos to about 200 KB first)
//
// Verivali does not know the registry's client uids; `keluarga_by_uid` (bound in the
// composition root over RegistryService) turns one into a household id.
#pragma once

#include <functional>
#include <string_view>

#include "sync/sync.hpp"
#include "verivali/service.hpp"

namespace pilar::verivali {

using KeluargaByUid = std::function<Result<std::int64_t>(Actor const& actor, std::string_view uid)>;

void register_sync_kinds(sync::SyncRegistry& kinds, VerivaliService& service, KeluargaByUid keluarga_by_uid);

}  // namespace pilar::verivali
