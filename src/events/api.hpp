// HTTP routes of the events module (training events, pembinaan/bimtek):
//   GET/POST  /api/v1/acara                               list / create (operator, admin)
//   GET/PATCH /api/v1/acara/{id}                          one event with its sessions / change it
//   POST      /api/v1/acara/{id}/sesi, DELETE .../sesi/{sesi_id}
//   GET/POST  /api/v1/acara/{id}/peserta                  participants in the caller's scope / add one
//   POST      /api/v1/acara/{id}/peserta/{peserta_id}/status   register or cancel
//   POST      /api/v1/acara/{id}/undangan                 invite by role and wilayah
//   POST      /api/v1/acara/{id}/daftar                   register oneself
//   POST      /api/v1/acara/{id}/check-in                 a door scans a card (idempotent)
//   GET       /api/v1/acara/{id}/hadir[?format=xlsx|pdf]  attendance
//   GET       /api/v1/acara/{id}/kartu[?peserta=]         ID cards with QR (PDF)
//   POST/GET  /api/v1/acara/{id}/sertifikat               issue / print certificates (PDF)
//   POST      /api/v1/acara/{id}/peserta/{peserta_id}/cabut-sertifikat
//   GET/POST  /api/v1/acara/{id}/undian, GET .../undian/{undian_id}/ulang   door-prize draws
//   GET       /api/v1/acara-saya                          the caller's events, cards and QR codes
//   GET       /api/v1/sertifikat/{kode}                   public certificate verification
#pragma once

#include <string>

#include "events/service.hpp"
#include "http/router.hpp"

namespace pilar::events {

// Files (attendance lists, cards, certificates) are built in `tmp_dir` and sent from there.
void register_routes(http::Router& router, EventsService& service, std::string tmp_dir);
std::string openapi_schemas();

}  // namespace pilar::events
