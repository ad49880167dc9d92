#include "events/accounts.hpp"

namespace pilar::events {

Result<std::vector<Akun>> AccessAccounts::accounts() {
    auto users = PILAR_TRY(m_access.list_users(Actor::system("events")));
    std::vector<Akun> out;
    out.reserve(users.size());
    for (auto const& u : users) {
        Akun k{.id = u.id, .username = u.username, .nama = u.full_name, .role = u.role, .active = u.active};
        for (auto const& w : u.wilayah)
            if (auto code = WilayahCode::parse(w)) k.scope.push_back(*code);
        out.push_back(std::move(k));
    }
    return out;
}

Result<std::optional<std::int64_t>> AccessAccounts::id_of(std::string_view username) {
    auto u = m_access.get_user(Actor::system("events"), username);
    if (!u) {
        if (u.error().code == ErrorCode::NotFound) return std::optional<std::int64_t>{};
        return fail(u.error());
    }
    return std::optional<std::int64_t>(u->id);
}

}  // namespace pilar::events
