// HTTP routes of the privacy module, under the person they are about:
//   GET/PUT /api/v1/anggota/{id}/dasar-hukum     legal basis (readers / the registry's writers)
//   GET     /api/v1/anggota/{id}/data-pribadi    data-subject access export, JSON or ?format=pdf (operator)
//   GET     /api/v1/anggota/{id}/hapus-data      may the data be erased now, and if not why (operator)
//   POST    /api/v1/anggota/{id}/hapus-data      erase by anonymisation (operator; 409 naming the reasons)
#pragma once

#include <string>

#include "http/router.hpp"
#include "privacy/service.hpp"

namespace pilar::privacy {

// PDFs are built in `tmp_dir` and read back into the response (a person's export is small).
void register_routes(http::Router& router, PrivacyService& service, std::string tmp_dir);
std::string openapi_schemas();

}  // namespace pilar::privacy
