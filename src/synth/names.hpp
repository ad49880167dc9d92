// Names and birthplaces for synthetic people: the name tables of the groups that make up Kota
// Tangerang (Javanese, Sundanese, Betawi, Batak, Chinese-Indonesian — the Cina Benteng — and
// Arab-descended families) and the rules that compose them the way civil records show them:
// mononyms among people born before about 1970, Batak marga and "Br" for married-in women,
// Hokkien surnames (Lim, Liem, Oei, Tan, Tjoa ...) and their Indonesianised forms (Halim,
// Wijaya, Tanoto ...), children who carry their father's marga, surname or last name.
//
//   Rng rng(7);
//   std::string nama;
//   make_name(rng, {.suku = Suku::Batak, .sex = Sex::L, .birth_year = 1984,
//                   .family_name = "Siregar"}, nama);          // "Parulian Togar Siregar"
//   make_name(rng, {.suku = Suku::Jawa, .sex = Sex::P, .birth_year = 1952}, nama);  // "Tukiyem"
//
// Every name is letters and single spaces only (no titles, no punctuation: Permendagri 73/2022)
// and at most 60 characters.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "core/nik.hpp"
#include "synth/rng.hpp"

namespace pilar::synth {

// The group a household's naming follows (suku, loosely: Arab-descended is not a suku).
enum class Suku { Jawa, Sunda, Betawi, Batak, Tionghoa, Arab };
inline constexpr int kSukuCount = 6;

// A household's group, weighted roughly like Kota Tangerang's mix (Javanese, Sundanese and
// Betawi the large groups; an old Chinese-Indonesian community; Batak and Arab-descended
// minorities). Groups not modelled (Minang, Bugis ...) are folded into these.
Suku pick_suku(Rng& rng);
// Someone from another group than `not_this` (a mixed marriage).
Suku pick_other_suku(Rng& rng, Suku not_this);

// The family name a man passes to his children: a Batak marga, a Hokkien surname for
// Chinese-Indonesian families, a family name (Alatas, Assegaf ...) for some Arab-descended
// families; empty for the groups without family names.
std::string_view pick_family_name(Rng& rng, Suku suku);
// A Batak marga other than `not_this` (marriage within one's own marga is forbidden).
std::string_view pick_other_marga(Rng& rng, std::string_view not_this);

struct NameRequest {
    Suku suku = Suku::Jawa;
    Sex sex = Sex::L;
    int birth_year = 1980;
    // The family name from the father (pick_family_name); a married-in Batak woman's own marga.
    std::string_view family_name;
    // The father's full name, for a child who may share his last word.
    std::string_view father_name;
    // Married-in woman: a Batak wife writes "<given> Br <her own marga>".
    bool married_in = false;
};

// Composes a name into `out` (replacing what was there).
void make_name(Rng& rng, NameRequest const& request, std::string& out);

// Places people were born in, outside the kab/kota being generated: what tempat_lahir says and
// the kab/kota (Kemendagri code) whose kecamatan codes a NIK first issued there starts with.
struct OriginTown {
    std::string_view tempat_lahir;
    std::string_view regency;                      // "33.29"
    std::array<unsigned char, kSukuCount> weight;  // how likely for each group, by Suku order
};
std::span<OriginTown const> origin_towns();
// Index into origin_towns() of a birthplace for someone of `suku` born away from home.
int pick_origin(Rng& rng, Suku suku);

}  // namespace pilar::synth
