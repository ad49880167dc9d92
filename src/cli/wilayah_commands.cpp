// `pilar wilayah load|show|children|search|create|rename|retire|import`.
#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "wilayah/service.hpp"

namespace pilar::cli {
namespace {

void print(wilayah::Wilayah const& w) {
    std::cout << fmt::format("{:<24} {:<10} {}{}\n", w.kode, tingkat_name(w.tingkat), w.nama, w.active ? "" : "  (nonaktif)");
}

// Runs `fn` with an opened WilayahService, mapping errors to exit codes.
template <typename Fn>
int with_service(DataOptions const& data, Fn&& fn) {
    auto database = open_database(data);
    if (!database) return report(database.error());
    wilayah::WilayahService svc(**database);
    Result<void> r = fn(svc);
    return r ? kExitOk : report(r.error());
}

}  // namespace

void register_wilayah_commands(CLI::App& app, Action& action) {
    auto* w = app.add_subcommand("wilayah", "Wilayah: muat data Kemendagri, kelola RW/RT / region tree");
    w->require_subcommand(1);
    auto data = std::make_shared<DataOptions>();
    auto kode = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    auto nomor = std::make_shared<int>(0);
    auto source = std::make_shared<std::string>();
    auto flag = std::make_shared<bool>(false);

    auto* load = w->add_subcommand("load", "Muat provinsi > kota > kecamatan > kelurahan dari idn-area-data (ODbL)");
    add_data_options(*load, *data);
    load->add_option("KODE", *kode, "Kode kota/kabupaten (36.71) atau provinsi (36)")->required();
    load->add_option("--source", *source, "Folder data idn-area-data (bawaan: node_modules/idn-area-data/data)");
    load->callback([&action, data, kode, source] {
        action = [data, kode, source] {
            return with_service(*data, [&](wilayah::WilayahService& svc) -> Result<void> {
                std::string dir = *source;
                if (dir.empty()) {
                    auto found = wilayah::WilayahService::find_area_data_dir(executable_path());
                    if (!found)
                        return fail(ErrorCode::Unavailable,
                                    {"Data idn-area-data tidak ditemukan; jalankan scripts/bootstrap atau beri --source",
                                     "idn-area-data not found; run scripts/bootstrap or pass --source"});
                    dir = *found;
                }
                auto r = PILAR_TRY(svc.load_from_area_data(cli_actor(), *kode, dir));
                std::cout << fmt::format(
                    "{}: {} provinsi, {} kota/kabupaten, {} kecamatan, {} kelurahan/desa "
                    "(baru {}, diperbarui {}, tetap {}). Data: Kemendagri via idn-area-data, ODbL 1.0.\n",
                    r.kode, r.provinsi, r.kota, r.kecamatan, r.kelurahan, r.inserted, r.updated, r.unchanged);
                return {};
            });
        };
    });

    auto* show = w->add_subcommand("show", "Tampilkan satu wilayah");
    add_data_options(*show, *data);
    show->add_option("KODE", *kode)->required();
    show->callback([&action, data, kode] {
        action = [data, kode] {
            return with_service(*data, [&](wilayah::WilayahService& svc) -> Result<void> {
                auto r = PILAR_TRY(svc.get(*kode));
                print(r);
                if (r.induk) std::cout << "induk: " << *r.induk << '\n';
                return {};
            });
        };
    });

    auto* children = w->add_subcommand("children", "Daftar wilayah di bawah kode ini");
    add_data_options(*children, *data);
    children->add_option("KODE", *kode)->required();
    children->add_flag("--all", *flag, "Termasuk yang nonaktif");
    children->callback([&action, data, kode, flag] {
        action = [data, kode, flag] {
            return with_service(*data, [&](wilayah::WilayahService& svc) -> Result<void> {
                for (auto const& x : PILAR_TRY(svc.children(*kode, *flag))) print(x);
                return {};
            });
        };
    });

    auto* search = w->add_subcommand("search", "Cari menurut nama atau awalan kode");
    add_data_options(*search, *data);
    search->add_option("Q", *text)->required();
    search->callback([&action, data, text] {
        action = [data, text] {
            return with_service(*data, [&](wilayah::WilayahService& svc) -> Result<void> {
                for (auto const& x : PILAR_TRY(svc.search({.q = *text, .limit = 50}))) print(x);
                return {};
            });
        };
    });

    auto* create = w->add_subcommand("create", "Buat RW (di bawah kelurahan) atau RT (di bawah RW)");
    add_data_options(*create, *data);
    create->add_option("INDUK", *kode, "Kode kelurahan atau RW")->required();
    create->add_option("NOMOR", *nomor, "Nomor RW/RT, 1-999")->required();
    create->add_option("--nama", *text, "Nama (bawaan: RW 004 / RT 012)");
    create->callback([&action, data, kode, nomor, text] {
        action = [data, kode, nomor, text] {
            return with_service(*data, [&](wilayah::WilayahService& svc) -> Result<void> {
                auto r = PILAR_TRY(svc.create_child(cli_actor(), *kode, *nomor,
                                                    text->empty() ? std::nullopt : std::optional<std::string>(*text)));
                print(r);
                return {};
            });
        };
    });

    auto* rename = w->add_subcommand("rename", "Ganti nama RW atau RT");
    add_data_options(*rename, *data);
    rename->add_option("KODE", *kode)->required();
    rename->add_option("NAMA", *text)->required();
    rename->callback([&action, data, kode, text] {
        action = [data, kode, text] {
            return with_service(*data, [&](wilayah::WilayahService& svc) -> Result<void> {
                auto current = PILAR_TRY(svc.get(*kode));
                print(PILAR_TRY(svc.rename(cli_actor(), *kode, *text, current.version)));
                return {};
            });
        };
    });

    auto* retire = w->add_subcommand("retire", "Nonaktifkan RW atau RT (beserta RT di bawahnya)");
    add_data_options(*retire, *data);
    retire->add_option("KODE", *kode)->required();
    retire->add_option("--alasan,--reason", *text, "Alasan")->required();
    retire->callback([&action, data, kode, text] {
        action = [data, kode, text] {
            return with_service(*data, [&](wilayah::WilayahService& svc) -> Result<void> {
                auto n = PILAR_TRY(svc.retire(cli_actor(), *kode, *text));
                std::cout << fmt::format("{} wilayah dinonaktifkan / retired\n", n);
                return {};
            });
        };
    });

    auto* import = w->add_subcommand("import", "Impor RW/RT dari CSV (kolom kode,nama); semua atau tidak sama sekali");
    add_data_options(*import, *data);
    import->add_option("FILE", *text)->required();
    import->callback([&action, data, text] {
        action = [data, text] {
            return with_service(*data, [&](wilayah::WilayahService& svc) -> Result<void> {
                auto reader = PILAR_TRY(CsvReader::open(*text));
                auto r = PILAR_TRY(svc.import_csv(cli_actor(), reader));
                std::cout << fmt::format("{} baris: {} baru, {} berganti nama, {} tetap\n", r.rows, r.created, r.renamed,
                                         r.unchanged);
                return {};
            });
        };
    });
}

}  // namespace pilar::cli
