// The schema this binary speaks: migrations/NNNN_name.sql compiled in (see embed.cmake).
#pragma once

#include <span>

#include "db/migrate.hpp"

namespace pilar {

std::span<const db::Migration> builtin_migrations(db::Dialect dialect);

}  // namespace pilar
