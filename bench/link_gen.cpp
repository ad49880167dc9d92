// link_gen: ground truth for `pilar link`. Takes the synthetic people of `pilar generate`
// (src/synth: Kota Tangerang households, names of its groups, NIKs that fit birth date and sex) as
// the true entities, adds the hard cases that are different people (family members entered with
// the head's NIK, twins, namesakes in one kelurahan, father and son of one name), then writes
// about 10% extra rows that are the same people written differently: titles, Muhammad/Abdul/Siti
// variants, old spelling, ai/e f/p z/j, joined and split tokens, Hokkien spellings, typos, dropped
// and reordered tokens, initials, missing or one-digit-off NIK, swapped day and month, a year
// off, default dates, moved house.
//
//   link_gen --records 1000000 --seed 20261128 --out DIR   -> DIR/input.csv, DIR/truth.csv
//
// input.csv has exactly the columns of `pilar link`; truth.csv is record_id,entity_id. Rows are
// shuffled so duplicates are not neighbours. The same seed gives the same files.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/csv.hpp"
#include "synth/area.hpp"
#include "synth/generator.hpp"
#include "synth/rng.hpp"
#include "corrupt.hpp"

namespace {

using pilar::synth::Rng;
using namespace pilar::bench;

struct Household {
    std::string kode_wilayah, rw, rt, alamat;
};

struct Row {
    std::string nik, nama, jk, tempat, tgl, alamat, rt, rw, kode;
    std::uint32_t entity = 0;
};

struct Person {
    Row row;
    std::uint32_t household = 0;
    std::string hubungan;
};

void nik_one_digit(Rng& rng, std::string& nik) {
    if (nik.size() != 16) return;
    size_t const i = rng.below(16);
    char c;
    do c = static_cast<char>('0' + rng.below(10));
    while (c == nik[i]);
    nik[i] = c;
}

void nik_transpose(Rng& rng, std::string& nik) {
    if (nik.size() != 16) return;
    for (int tries = 0; tries < 8; ++tries) {
        size_t const i = rng.below(15);
        if (nik[i] != nik[i + 1]) {
            std::swap(nik[i], nik[i + 1]);
            return;
        }
    }
}

void corrupt_date(Rng& rng, std::string& tgl) {
    if (tgl.size() != 10) return;
    int y = std::atoi(tgl.substr(0, 4).c_str());
    int m = std::atoi(tgl.substr(5, 2).c_str());
    int d = std::atoi(tgl.substr(8, 2).c_str());
    int const r = static_cast<int>(rng.below(1000));
    if (r < 40 && d <= 12 && d != m) std::swap(m, d);          // day/month swapped
    else if (r < 70) y += rng.permille(500) ? 1 : -1;           // a year off
    else if (r < 100 && d < 28) d = d % 10 == 9 ? d - 1 : d + 1;  // one digit / one day off
    else if (r < 130) { m = 1; d = 1; }                          // registry default
    else if (r < 180) { tgl.clear(); return; }                   // unknown
    else return;
    tgl = fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::string strip_zeros(std::string const& s) {
    size_t i = 0;
    while (i + 1 < s.size() && s[i] == '0') ++i;
    return s.substr(i);
}

void corrupt_address(Rng& rng, std::string& alamat) {
    if (rng.permille(50)) { alamat.clear(); return; }
    if (rng.permille(400)) replace_first(alamat, "Jl. ", rng.permille(500) ? "Jalan " : "Jln ");
    if (rng.permille(300)) replace_first(alamat, "No. ", rng.permille(500) ? "Nomor " : "No.");
    if (rng.permille(200)) replace_first(alamat, "Kp. ", "Kampung ");
    if (rng.permille(200)) replace_first(alamat, "Perum ", "Perumahan ");
    if (rng.permille(100)) { auto p = alamat.find(" No"); if (p != std::string::npos) alamat.resize(p); }
    if (rng.permille(60)) { auto w = words(alamat); if (!w.empty()) { typo(rng, w[rng.below(static_cast<std::uint32_t>(w.size()))]); alamat = unwords(w); } }
    if (rng.permille(150)) alamat = to_upper(alamat);
}

struct Options {
    long long records = 100000;
    std::uint64_t seed = 1;
    std::string out = ".";
    std::string area_dir = "node_modules/idn-area-data/data";
    int dup_permille = 95;  // people who get extra rows
};

int fail(std::string const& message) {
    std::cerr << "link_gen: " << message << '\n';
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--records") o.records = std::atoll(next().c_str());
        else if (a == "--seed") o.seed = std::strtoull(next().c_str(), nullptr, 10);
        else if (a == "--out") o.out = next();
        else if (a == "--source") o.area_dir = next();
        else if (a == "--dup-permille") o.dup_permille = std::atoi(next().c_str());
        else return fail(fmt::format("unknown argument {} (--records N --seed S --out DIR [--source DIR])", a));
    }
    if (o.records < 10) return fail("--records must be at least 10");
    auto area = pilar::synth::load_area(o.area_dir, "36.71");
    if (!area) return fail(area.error().describe(pilar::Lang::En));

    // 1. The true people: pilar generate's households, about 3.47 people each.
    long long const base_target = o.records * 1000 / (1000 + o.dup_permille * 115 / 100);
    long long const households = base_target * 100 / 340 + 10;
    std::string keluarga_csv, anggota_csv;
    {
        auto k = pilar::CsvWriter::to_string(keluarga_csv);
        auto a = pilar::CsvWriter::to_string(anggota_csv);
        auto r = pilar::synth::generate(*area, {.households = households, .seed = o.seed}, k, a);
        if (!r) return fail(r.error().describe(pilar::Lang::En));
        (void)k.finish();
        (void)a.finish();
    }
    std::unordered_map<std::string, std::uint32_t> household_of_kk;
    std::vector<Household> hh;
    {
        auto reader = pilar::CsvReader::from_string(keluarga_csv);
        pilar::CsvRecord rec;
        size_t const kk = *reader->column("no_kk"), kode = *reader->column("kode_wilayah"), rw = *reader->column("rw"),
                     rt = *reader->column("rt"), alamat = *reader->column("alamat");
        while (*reader->next(rec)) {
            household_of_kk.emplace(std::string(rec[kk]), static_cast<std::uint32_t>(hh.size()));
            hh.push_back({std::string(rec[kode]), std::string(rec[rw]), std::string(rec[rt]), std::string(rec[alamat])});
        }
    }
    std::string().swap(keluarga_csv);
    std::vector<Person> people;
    {
        auto reader = pilar::CsvReader::from_string(anggota_csv);
        pilar::CsvRecord rec;
        size_t const nik = *reader->column("nik"), kk = *reader->column("no_kk"), nama = *reader->column("nama"),
                     jk = *reader->column("jenis_kelamin"), tempat = *reader->column("tempat_lahir"),
                     tgl = *reader->column("tanggal_lahir"), hub = *reader->column("hubungan");
        while (*reader->next(rec) && static_cast<long long>(people.size()) < base_target) {
            Person p;
            p.household = household_of_kk.at(std::string(rec[kk]));
            Household const& h = hh[p.household];
            p.row = {std::string(rec[nik]), std::string(rec[nama]), std::string(rec[jk]), std::string(rec[tempat]),
                     std::string(rec[tgl]), h.alamat, h.rt, h.rw, h.kode_wilayah};
            p.hubungan = std::string(rec[hub]);
            people.push_back(std::move(p));
        }
    }
    std::string().swap(anggota_csv);

    // 2. Hard cases that are different people.
    Rng rng = Rng::for_stream(o.seed, 0xC0FFEE);
    long long twins = 0, namesakes = 0, father_son = 0, head_nik = 0;
    std::vector<std::uint32_t> head_of(hh.size(), UINT32_MAX);
    for (std::uint32_t i = 0; i < people.size(); ++i)
        if (people[i].hubungan == "kepala_keluarga") head_of[people[i].household] = i;
    size_t const base_count = people.size();
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_kelurahan;
    for (std::uint32_t i = 0; i < base_count; ++i) by_kelurahan[people[i].row.kode].push_back(i);
    for (std::uint32_t i = 0; i < base_count; ++i) {
        Person& p = people[i];
        std::uint32_t const head = head_of[p.household];
        if (p.hubungan == "anak" && head != UINT32_MAX && head != i) {
            Person const& father = people[head];
            // Father and son of one name.
            if (father.row.jk == "L" && p.row.jk == "L" && rng.permille(15)) {
                p.row.nama = father.row.nama;
                ++father_son;
            }
            // A twin: same day, same house, another first name, the next NIK serial.
            if (rng.permille(10) && p.row.nik.size() == 16) {
                Person twin = p;
                auto const& donor = people[rng.below(static_cast<std::uint32_t>(base_count))];
                auto tw = words(twin.row.nama), dw = words(donor.row.nama);
                if (!tw.empty() && !dw.empty() && dw[0] != tw[0]) {
                    tw[0] = dw[0];
                    twin.row.nama = unwords(tw);
                    twin.row.jk = donor.row.jk;
                    int day = std::atoi(twin.row.nik.substr(6, 2).c_str()) % 40;
                    if (twin.row.jk == "P") day += 40;
                    twin.row.nik.replace(6, 2, fmt::format("{:02}", day));
                    twin.row.nik.replace(12, 4, fmt::format("{:04}", std::atoi(p.row.nik.substr(12, 4).c_str()) + 1));
                    people.push_back(std::move(twin));
                    ++twins;
                }
            }
        }
        // Entered with the head's NIK.
        if (head != UINT32_MAX && head != i && rng.permille(25)) {
            p.row.nik = people[head].row.nik;
            ++head_nik;
        }
        // A namesake: someone of the same sex in the same kelurahan gets this name.
        if (rng.permille(8)) {
            auto const& same_kel = by_kelurahan[p.row.kode];
            std::uint32_t const j = same_kel[rng.below(static_cast<std::uint32_t>(same_kel.size()))];
            if (j != i && people[j].row.jk == p.row.jk) {
                people[j].row.nama = p.row.nama;
                ++namesakes;
            }
        }
        // Registry noise on the original row too.
        if (rng.permille(40)) p.row.nik.clear();
        if (rng.permille(15) && p.row.tgl.size() == 10) p.row.tgl = p.row.tgl.substr(0, 4) + "-01-01";
    }

    // 3. Entities, and the duplicate rows.
    std::vector<Row> rows;
    rows.reserve(static_cast<size_t>(o.records));
    for (std::uint32_t i = 0; i < people.size(); ++i) {
        people[i].row.entity = i;
        rows.push_back(people[i].row);
    }
    long long dup_rows = 0;
    for (std::uint32_t i = 0; i < people.size() && static_cast<long long>(rows.size()) < o.records; ++i) {
        if (!rng.permille(o.dup_permille)) continue;
        int const copies = rng.permille(850) ? 1 : rng.permille(800) ? 2 : 3;
        Person const& p = people[i];
        std::uint32_t const head = head_of[p.household];
        std::string father_first;
        if (head != UINT32_MAX && head != i && p.hubungan == "anak") {
            auto fw = words(people[head].row.nama);
            if (!fw.empty()) father_first = fw[0];
        }
        for (int c = 0; c < copies && static_cast<long long>(rows.size()) < o.records; ++c) {
            Row r = p.row;
            corrupt_name(rng, r.nama, r.jk.empty() ? 'L' : r.jk[0], father_first);
            int const n = static_cast<int>(rng.below(1000));
            if (n < 150) r.nik.clear();
            else if (n < 190) nik_one_digit(rng, r.nik);
            else if (n < 210) nik_transpose(rng, r.nik);
            else if (n < 230 && head != UINT32_MAX) r.nik = people[head].row.nik;
            corrupt_date(rng, r.tgl);
            if (rng.permille(20)) r.jk.clear();
            if (rng.permille(100)) r.tempat.clear();
            else if (rng.permille(50)) typo(rng, r.tempat);
            else if (rng.permille(50)) r.tempat = to_upper(r.tempat);
            if (rng.permille(50)) {
                // Moved: another address in the city.
                auto const& other = hh[rng.below(static_cast<std::uint32_t>(hh.size()))];
                r.alamat = other.alamat;
                r.rt = other.rt;
                r.rw = other.rw;
                r.kode = other.kode_wilayah;
            } else {
                corrupt_address(rng, r.alamat);
                if (rng.permille(300)) {
                    r.rt = strip_zeros(r.rt);
                    r.rw = strip_zeros(r.rw);
                }
                if (rng.permille(50)) r.rt.clear();
                if (rng.permille(200)) {
                    std::string k;
                    for (char ch : r.kode) if (ch != '.') k += ch;
                    r.kode = k;
                }
                if (rng.permille(30)) r.kode.clear();
            }
            rows.push_back(std::move(r));
            ++dup_rows;
        }
    }

    // 4. Shuffle, number, write.
    std::vector<std::uint32_t> order(rows.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    Rng shuffle = Rng::for_stream(o.seed, 0x5107);
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[shuffle.below(static_cast<std::uint32_t>(i))]);
    std::filesystem::create_directories(o.out);
    auto input = pilar::CsvWriter::create_file(o.out + "/input.csv");
    auto truth = pilar::CsvWriter::create_file(o.out + "/truth.csv");
    if (!input || !truth) return fail("cannot write to " + o.out);
    (void)input->write_row({"record_id", "nik", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "alamat", "rt", "rw",
                            "kode_wilayah"});
    (void)truth->write_row({"record_id", "entity_id"});
    for (size_t k = 0; k < order.size(); ++k) {
        Row const& r = rows[order[k]];
        std::string const id = fmt::format("r{:08}", k + 1);
        std::string const entity = fmt::format("e{:08}", r.entity);
        (void)input->write_row({id, r.nik, r.nama, r.jk, r.tempat, r.tgl, r.alamat, r.rt, r.rw, r.kode});
        (void)truth->write_row({id, entity});
    }
    if (auto e = input->finish(); !e) return fail(e.error().describe(pilar::Lang::En));
    if (auto e = truth->finish(); !e) return fail(e.error().describe(pilar::Lang::En));
    std::cout << fmt::format(
        "{} rows: {} people ({} households), {} duplicate rows; hard cases: {} twins, {} namesakes, {} fathers and sons of "
        "one name, {} members with the head's NIK -> {}/input.csv, {}/truth.csv\n",
        rows.size(), people.size(), households, dup_rows, twins, namesakes, father_son, head_nik, o.out, o.out);
    return 0;
}
