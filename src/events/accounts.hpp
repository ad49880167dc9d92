// The events module's AccountDirectory over src/access's user accounts, for the composition root.
#pragma once

#include "access/service.hpp"
#include "events/service.hpp"

namespace pilar::events {

class AccessAccounts final : public AccountDirectory {
public:
    explicit AccessAccounts(access::AccessService& access) : m_access(access) {}
    Result<std::vector<Akun>> accounts() override;
    Result<std::optional<std::int64_t>> id_of(std::string_view username) override;

private:
    access::AccessService& m_access;
};

}  // namespace pilar::events
