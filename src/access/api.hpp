// HTTP side of access: the authentication/CSRF/role middleware every route passes through,
// the security headers every response carries, the auth and user-admin routes, and the audit
// trail's browser, verification and export.
#pragma once

#include "access/audit.hpp"
#include "access/service.hpp"
#include "http/router.hpp"

namespace pilar::access {

struct MiddlewareOptions {
    // Behind a TLS-terminating proxy the cookie must still be Secure.
    bool cookies_secure = false;
    // Origins the pages may load images from besides their own (map tiles), for the CSP.
    std::vector<std::string> image_origins;
};

void install_middleware(http::Router& router, AccessService& service, MiddlewareOptions options = {});
void register_routes(http::Router& router, AccessService& service, MiddlewareOptions options = {});
// GET /api/v1/audit, /api/v1/audit/verify, /api/v1/audit/export (admin only; audit_api.cpp).
void register_audit_routes(http::Router& router, AuditService& service);
std::string openapi_schemas();

}  // namespace pilar::access
