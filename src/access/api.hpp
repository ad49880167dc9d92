// HTTP side of access: the authentication/CSRF/role middleware every route passes through,
// the security headers every response carries, and the auth and user-admin routes.
#pragma once

#include "access/service.hpp"
#include "http/router.hpp"

namespace pilar::access {

struct MiddlewareOptions {
    // Behind a TLS-terminating proxy the cookie must still be Secure.
    bool cookies_secure = false;
};

void install_middleware(http::Router& router, AccessService& service, MiddlewareOptions options = {});
void register_routes(http::Router& router, AccessService& service, MiddlewareOptions options = {});
std::string openapi_schemas();

}  // namespace pilar::access
