#include "builtin_migrations.hpp"

namespace pilar {
namespace migrations_data {
std::span<const db::Migration> sqlite();
std::span<const db::Migration> postgres();
}  // namespace migrations_data

std::span<const db::Migration> builtin_migrations(db::Dialect dialect) {
    return dialect == db::Dialect::Postgres ? migrations_data::postgres() : migrations_data::sqlite();
}

}  // namespace pilar
