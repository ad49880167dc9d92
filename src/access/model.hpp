// Users, sessions and tokens as the access module sees them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"

namespace pilar::access {

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string full_name;
    Role role = Role::Psm;
    std::vector<std::string> wilayah;  // dotted codes of the scope
    bool active = true;
    bool must_change_password = false;
    int failed_logins = 0;
    std::optional<std::string> locked_until;
    std::string created_at;
    std::string updated_at;
    std::int64_t version = 1;
};

struct NewUser {
    std::string username;
    std::string full_name;
    Role role = Role::Psm;
    std::vector<std::string> wilayah;
    std::string password;
    bool must_change_password = false;
};

struct LoginResult {
    std::string session_token;  // goes into the cookie, never stored
    std::string csrf_token;
    std::string expires_at;
    User user;
};

struct SessionOptions {
    std::chrono::seconds idle_timeout{30 * 60};
    std::chrono::seconds absolute_timeout{12 * 3600};
};

// What authentication found, for the middleware.
struct Authenticated {
    Actor actor;
    std::string csrf_token;  // empty for API tokens (no CSRF with bearer tokens)
    bool via_cookie = false;
    // Set by an admin's reset or account creation: until the user picks their own password,
    // only the routes to do that are open.
    bool must_change_password = false;
};

}  // namespace pilar::access
