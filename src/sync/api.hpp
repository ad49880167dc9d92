// HTTP route of offline sync: POST /api/v1/sync (see sync/sync.hpp for what it guarantees).
//
//   {"perangkat": "hp-siti-01",
//    "ops": [{"op_id": "6f1c...", "jenis": "keluarga.buat", "data": {...}},
//            {"op_id": "9a2e...", "jenis": "keluarga.ubah", "data": {"id": 7, ...}, "version": 3}]}
//   -> 200 {"hasil": [{"op_id": "6f1c...", "status": "diterapkan", "entitas": "keluarga", "id": 41, "data": {...}},
//                     {"op_id": "9a2e...", "status": "konflik", "entitas": "keluarga", "id": 7, "data": {...now...},
//                      "error": {"code": "conflict", "message": "...", "field": "version"}}]}
//
// A request that is not of this shape (or has more than 100 ops, or more than 1 MB) is refused
// as a whole with 400/413 and nothing is applied; otherwise the answer is 200 with one result
// per op, in order, whatever happened to each.
#pragma once

#include "http/router.hpp"
#include "sync/sync.hpp"

namespace pilar::sync {

void register_routes(http::Router& router, SyncService& service, SyncRegistry const& registry);

}  // namespace pilar::sync
