// Name tables. Common given names of each group, spelled as civil records spell them (old
// spellings such as Soeparno, Djoko, Tjahjono among the oldest); no real person is meant.
#include "synth/names.hpp"

#include <algorithm>
#include <array>

namespace pilar::synth {
namespace {

using Names = std::span<std::string_view const>;

// ---- Javanese ----
constexpr auto kJawaMale = std::to_array<std::string_view>(
    {"Agus",     "Budi",     "Bambang", "Joko",   "Slamet", "Sugeng", "Eko",    "Dwi",    "Tri",
     "Wahyu",    "Hadi",     "Heru",    "Teguh",  "Bayu",   "Adi",    "Yudi",   "Rudi",   "Hari",
     "Arif",     "Edi",      "Anton",   "Sigit",  "Yanto",  "Supri",  "Rahmat", "Imam",   "Purwanto",
     "Suparman", "Sutrisno", "Sumarno", "Suyono", "Widodo", "Wawan",  "Andi",   "Fajar",  "Ilham",
     "Tatag",    "Ari",      "Dedi",    "Gatot",  "Bagus",  "Yoga",   "Rizal",  "Hendro", "Nanang"});
constexpr auto kJawaMaleLast = std::to_array<std::string_view>(
    {"Santoso",  "Prasetyo", "Nugroho", "Wibowo",  "Setiawan", "Kurniawan", "Susanto",    "Haryanto",
     "Suryadi",  "Purnomo",  "Saputro", "Wijaya",  "Hartono",  "Pranoto",   "Utomo",      "Raharjo",
     "Sulistyo", "Handoko",  "Gunawan", "Hidayat", "Priyanto", "Sutanto",   "Wicaksono",  "Prabowo",
     "Cahyono",  "Triyono",  "Subagyo", "Winarno", "Riyadi",   "Saputra",   "Firmansyah", "Mulyono"});
constexpr auto kJawaFemale = std::to_array<std::string_view>(
    {"Sri",   "Siti", "Endang", "Dewi", "Ratna", "Wulan", "Tri",   "Dwi",  "Rini",  "Yuni",  "Sari",
     "Nur",   "Puji", "Ani",    "Eni",  "Tutik", "Lilik", "Yayuk", "Umi",  "Indah", "Retno", "Rina",
     "Fitri", "Lia",  "Novi",   "Anik", "Erna",  "Dian",  "Ayu",   "Mega", "Yeni",  "Titik", "Eka"});
constexpr auto kJawaFemaleLast = std::to_array<std::string_view>(
    {"Rahayu",    "Lestari",   "Wahyuni",   "Astuti",       "Suryani",    "Handayani", "Ningsih",
     "Kurniasih", "Utami",     "Purwanti",  "Sulistyowati", "Susilowati", "Wulandari", "Mulyani",
     "Widayati",  "Rahmawati", "Setyowati", "Yuliani",      "Sumarni",    "Sulastri",  "Suwarni",
     "Hartati",   "Winarsih",  "Maryani",   "Pratiwi",      "Kartika",    "Anggraini", "Puspitasari"});
constexpr auto kJawaOldMale = std::to_array<std::string_view>(
    {"Paijo",    "Sukarno", "Suparno",  "Karto",    "Wagiman",  "Paimin", "Sarmin", "Tukimin", "Sastro",
     "Ngadimin", "Rusdi",   "Sukirman", "Suradi",   "Soeparno", "Djoko",  "Tjipto", "Sumardi", "Parmin",
     "Kasiman",  "Wakijan", "Soemarto", "Tjahjono", "Marijan",  "Kromo",  "Sadiman"});
constexpr auto kJawaOldFemale = std::to_array<std::string_view>(
    {"Tukiyem",  "Sumiati", "Ngatini",  "Painem",   "Sukarni", "Tumini",  "Parinah",  "Suminah",
     "Karsinah", "Wagiyem", "Sainem",   "Soewarni", "Sumirah", "Warsini", "Ngatiyem", "Rukiyah",
     "Kasmini",  "Mariyem", "Djumiati", "Tasmi",    "Sarinah", "Poniyem"});

// ---- Sundanese ----
constexpr auto kSundaMale = std::to_array<std::string_view>(
    {"Asep", "Ujang", "Dadang",  "Cecep", "Deden",  "Dede",   "Encep", "Iwan",  "Yayan",  "Aceng", "Jajang",
     "Ade",  "Dadan", "Nandang", "Wawan", "Agus",   "Atep",   "Rudi",  "Yana",  "Endang", "Dodi",  "Eman",
     "Iyus", "Opik",  "Usep",    "Aep",   "Tatang", "Ridwan", "Galih", "Rizal", "Hendra", "Ikhsan"});
constexpr auto kSundaMaleLast = std::to_array<std::string_view>(
    {"Sudrajat", "Hidayat",   "Saepudin", "Suherman", "Kurnia",  "Permana",    "Gunawan", "Setiadi", "Ruhimat",
     "Sukmana",  "Supriatna", "Mulyana",  "Hermawan", "Nugraha", "Suryana",    "Sopandi", "Rukmana", "Sobari",
     "Rohendi",  "Juhana",    "Taufik",   "Rahmat",   "Ramdani", "Firmansyah", "Kusnadi", "Sutisna", "Somantri"});
constexpr auto kSundaFemale = std::to_array<std::string_view>(
    {"Euis",   "Neneng", "Enok", "Iis",  "Cucu", "Imas",  "Yati",   "Lilis", "Tita", "Entin",
     "Nining", "Ela",    "Rina", "Dewi", "Lina", "Yuyun", "Enung",  "Nani",  "Eti",  "Tini",
     "Nia",    "Rani",   "Siti", "Ai",   "Teti", "Wiwin", "Nenden", "Nurul", "Ratna"});
constexpr auto kSundaFemaleLast = std::to_array<std::string_view>(
    {"Nurhasanah", "Rohaeti", "Kurniasih", "Rosmiati",  "Nurlaela", "Komalasari", "Suryani", "Rahmawati",
     "Herlina",    "Sumiati", "Nurjanah",  "Mulyani",   "Sartika",  "Rosita",     "Marlina", "Yulianti",
     "Susilawati", "Maryati", "Hayati",    "Nurhayati", "Jubaedah", "Sopiah",     "Kartini", "Purnamasari"});
constexpr auto kSundaOldMale = std::to_array<std::string_view>(
    {"Karta", "Dadi", "Oman",  "Udin", "Engkos", "Ukat",   "Acim", "Uus",  "Juju",  "Ohim",
     "Emod",  "Ahim", "Otong", "Endi", "Sarip",  "Enjang", "Odih", "Aang", "Maman", "Encun"});
constexpr auto kSundaOldFemale =
    std::to_array<std::string_view>({"Enah", "Icih", "Onah", "Ijah", "Encum", "Ocoh", "Iyah", "Eha", "Imah", "Entat",
                                     "Omah", "Eem", "Uju", "Atikah", "Ikah", "Ecin", "Enong", "Uneh", "Acih"});

// ---- Betawi ----
constexpr auto kBetawiMale = std::to_array<std::string_view>(
    {"Muhammad", "Ahmad",    "Abdul",   "Mamat",    "Udin",    "Rojali", "Sanusi",  "Saiful", "Mahmud",
     "Zainal",   "Rohmat",   "Jaelani", "Bahrudin", "Mursid",  "Husin",  "Ali",     "Romli",  "Sapii",
     "Hasan",    "Ridwan",   "Syarif",  "Amir",     "Rahmat",  "Nasrul", "Sofyan",  "Anwar",  "Yusuf",
     "Samsudin", "Zulkifli", "Jamal",   "Kholil",   "Muhidin", "Rusli",  "Bachtiar"});
constexpr auto kAbdulSuffix =
    std::to_array<std::string_view>({"Rahman", "Rohim", "Ghani", "Aziz", "Halim", "Karim", "Manaf", "Somad", "Majid",
                                     "Kadir", "Wahab", "Latif", "Rosyid", "Hamid"});
constexpr auto kBetawiMaleLast = std::to_array<std::string_view>(
    {"Hidayat", "Saputra", "Hasan",     "Effendi", "Rahman",     "Hamid",  "Sanusi", "Ramadhan",
     "Fauzi",   "Rosyid",  "Munir",     "Sidik",   "Syarifudin", "Arifin", "Hakim",  "Kurniawan",
     "Maulana", "Firdaus", "Hasanudin", "Ismail",  "Jaelani",    "Mubarok"});
constexpr auto kBetawiFemale = std::to_array<std::string_view>(
    {"Siti",    "Nur",     "Aminah",   "Maimunah", "Romlah",   "Sadiyah", "Rohaya", "Fatimah", "Juleha",  "Munah",
     "Hasanah", "Saodah",  "Rodiah",   "Zubaedah", "Nurjanah", "Mardiah", "Rohmah", "Masitoh", "Halimah", "Salmah",
     "Rukayah", "Jamilah", "Khodijah", "Umi",      "Yulia",    "Ida",     "Lela",   "Neng"});
constexpr auto kBetawiFemaleLast = std::to_array<std::string_view>(
    {"Aminah", "Fatimah", "Rohani", "Hasanah", "Zahra", "Maryam", "Aisyah", "Rahmawati", "Nurhayati", "Hidayati",
     "Mardiyah", "Nurlela", "Sholihah", "Khoiriyah", "Rosidah", "Mulyani", "Sarah", "Nuraini"});
constexpr auto kBetawiOldMale = std::to_array<std::string_view>(
    {"Sanip", "Rohim", "Juned", "Mursid", "Saian",  "Jiih", "Sarmili", "Mamit", "Sainan", "Mingan",
     "Sapri", "Naing", "Rais",  "Sanan",  "Mahali", "Jaid", "Dulloh",  "Usin",  "Muhi",   "Nasir"});
constexpr auto kBetawiOldFemale = std::to_array<std::string_view>(
    {"Munah", "Icih", "Juleha", "Saanih", "Romlah", "Mariam", "Enah", "Saidah", "Rodiah", "Kemah", "Minah", "Jenab",
     "Asmah", "Saonah", "Markonah", "Jumenah", "Rogaya", "Mursinah"});

// ---- Batak ----
constexpr auto kBatakMale = std::to_array<std::string_view>(
    {"Togar",   "Parulian", "Hotman",  "Binsar",  "Jhonny",    "Robert",   "Daniel", "Martua",
     "Sahat",   "Bonar",    "Tigor",   "Maruli",  "Hendra",    "Rudi",     "Poltak", "Marihot",
     "Partogi", "Jonathan", "David",   "Samuel",  "Ferdinand", "Charles",  "Benny",  "Roy",
     "Richard", "Gomgom",   "Manahan", "Bernard", "Lambok",    "Fernando", "Yosua",  "Immanuel"});
constexpr auto kBatakMaleMiddle =
    std::to_array<std::string_view>({"Parulian", "Tua", "Hamonangan", "Halomoan", "Martua", "Pardamean", "Sahala",
                                     "Maruli", "Tumpal", "Hasiholan", "Partahian", "Mangasi"});
constexpr auto kBatakFemale = std::to_array<std::string_view>(
    {"Rosmawati", "Tiurma",    "Rosintan", "Lamtiur",  "Nurhaida", "Sondang", "Dewi",   "Rina",    "Maria",   "Ruth",
     "Debora",    "Lastri",    "Romauli",  "Hotmaida", "Tiur",     "Melati",  "Ester",  "Rotua",   "Nurmala", "Sarma",
     "Rosdiana",  "Elisabeth", "Yohana",   "Lenny",    "Friska",   "Agnes",   "Monika", "Theresia"});
constexpr auto kMarga = std::to_array<std::string_view>(
    {"Siregar",    "Nasution",   "Simanjuntak", "Hutapea",    "Sitompul",  "Pardede",    "Sinaga",
     "Simatupang", "Lubis",      "Harahap",     "Tambunan",   "Panjaitan", "Situmorang", "Manurung",
     "Sihombing",  "Hutagalung", "Napitupulu",  "Silalahi",   "Sembiring", "Ginting",    "Pasaribu",
     "Hutabarat",  "Marpaung",   "Sitorus",     "Tampubolon", "Simbolon",  "Sianturi",   "Purba",
     "Damanik",    "Saragih",    "Nainggolan",  "Hasibuan",   "Aritonang", "Gultom",     "Sirait"});

// ---- Chinese-Indonesian (Cina Benteng) ----
// Hokkien surname and the Indonesian family names people took from it after 1966.
struct Surname {
    std::string_view hokkien;
    std::array<std::string_view, 3> indonesian;
};
constexpr std::array<Surname, 17> kSurnames{{
    {"Lim", {"Halim", "Salim", "Limanto"}},
    {"Liem", {"Halim", "Liemanto", "Salim"}},
    {"Oei", {"Wijaya", "Winata", "Gunawan"}},
    {"Oey", {"Wijaya", "Wirawan", "Winata"}},
    {"Tan", {"Tanoto", "Tanuwijaya", "Sutanto"}},
    {"Tjoa", {"Cahyadi", "Cahyono", "Tjahjadi"}},
    {"Go", {"Gunawan", "Gozali", "Gondo"}},
    {"Kwee", {"Kusuma", "Kurniawan", "Kuswanto"}},
    {"The", {"Tedja", "Tejasukmana", "Teja"}},
    {"Ong", {"Onggo", "Ongkowijaya", "Ongko"}},
    {"Gouw", {"Gunadi", "Gunawan", "Gozali"}},
    {"Lie", {"Liman", "Lianto", "Lukito"}},
    {"Tjia", {"Cahya", "Setiadi", "Cahyadi"}},
    {"Khoe", {"Kurnia", "Kusnadi", "Kosasih"}},
    {"Phoa", {"Purnama", "Pangestu", "Prawira"}},
    {"Ang", {"Anggoro", "Angkasa", "Anggada"}},
    {"Sie", {"Susanto", "Sugiarto", "Setiawan"}},
}};
// The surnames most common among the Cina Benteng get more weight.
constexpr std::array<int, 17> kSurnameWeight{14, 8, 10, 5, 14, 6, 5, 5, 4, 5, 3, 5, 3, 3, 2, 4, 4};
constexpr auto kHokkienMale = std::to_array<std::string_view>(
    {"Kim",  "Hok", "Seng", "Liong", "Hin",  "Tjiang", "Beng", "Kiat",  "Tjoen", "Bouw", "Tiong", "Hwie",
     "Swie", "Gie", "Hong", "Tek",   "Soen", "Eng",    "Djin", "Tjeng", "Kong",  "Sioe", "Ho"});
constexpr auto kHokkienFemale =
    std::to_array<std::string_view>({"Lan", "Hwa", "Bwee", "Hiang", "Giok", "Siu", "Lian", "Kiauw", "Tjoe", "Hoa",
                                     "Nie", "Ing", "Mey", "Kim", "Tjin", "Soen", "Hoen"});
constexpr auto kTionghoaMale = std::to_array<std::string_view>(
    {"Hendra",   "Budi",  "Andi",  "Yohanes", "Steven", "Kevin",    "Wiliam",  "Vincent",  "Hendrik",  "Rudy",
     "Sutrisno", "Teddy", "Johan", "Edi",     "Ferry",  "Hartono",  "Suwandi", "Benny",    "Anton",    "Iwan",
     "Agus",     "Felix", "Ricky", "Heri",    "Aldi",   "Sugianto", "Tomi",    "Darmawan", "Rudianto", "Hengki"});
constexpr auto kTionghoaFemale = std::to_array<std::string_view>(
    {"Susanti", "Lina",      "Meiliana", "Lili",  "Yuliana", "Melisa", "Fransiska", "Lenny",   "Linda", "Susi",
     "Mei",     "Lani",      "Juliana",  "Vivi",  "Wati",    "Yenny",  "Sisca",     "Natalia", "Cindy", "Angelina",
     "Jessica", "Elisabeth", "Monica",   "Siska", "Merry",   "Lanny",  "Erlina",    "Suryani"});
constexpr auto kTionghoaYoungMale =
    std::to_array<std::string_view>({"Kevin", "Jason", "Steven", "Vincent", "Felix", "Calvin", "Jonathan", "Nicholas",
                                     "Ryan", "Michael", "Evan", "Darren", "Christian", "Hansen"});
constexpr auto kTionghoaYoungFemale =
    std::to_array<std::string_view>({"Jessica", "Cindy", "Angelina", "Michelle", "Vanessa", "Stefani", "Jennifer",
                                     "Felicia", "Celine", "Natasha", "Clarissa", "Gabriella", "Evelyn", "Olivia"});

// ---- Arab-descended and Arabic-derived ----
constexpr auto kArabMale = std::to_array<std::string_view>(
    {"Muhammad", "Ahmad", "Abdullah", "Umar",  "Ali",  "Hasan",  "Husein", "Hamzah", "Ibrahim", "Yusuf",  "Ismail",
     "Faisal",   "Fadli", "Hafiz",    "Salim", "Said", "Alwi",   "Zaki",   "Fahmi",  "Hamid",   "Thoriq", "Rizki",
     "Hilmi",    "Mahdi", "Ridho",    "Fikri", "Anis", "Syukri", "Luthfi", "Idrus",  "Segaf",   "Muhsin"});
constexpr auto kArabMaleLast = std::to_array<std::string_view>(
    {"Rahman", "Hakim", "Fauzan", "Hidayatullah", "Syafii", "Fathurrahman", "Zulkarnaen", "Nurdin", "Hasyim", "Muhsin",
     "Basri", "Karim", "Abdurrahman", "Anshori", "Syahrial", "Mubarok", "Habibi", "Munawar"});
constexpr auto kArabFemale = std::to_array<std::string_view>(
    {"Fatimah", "Aisyah", "Khadijah", "Zahra",    "Salma",  "Syarifah", "Maryam",  "Zainab",
     "Hanifah", "Nabila", "Aulia",    "Annisa",   "Rahmah", "Laila",    "Sakinah", "Zulfa",
     "Halimah", "Nur",    "Latifah",  "Ruqayyah", "Hafsah", "Sumayyah", "Asma",    "Mariam"});
constexpr auto kArabFemaleLast =
    std::to_array<std::string_view>({"Azzahra", "Nuraini", "Rahmawati", "Hidayah", "Khairunnisa", "Mardhiyah", "Husna",
                                     "Aini", "Munawaroh", "Fitriyah", "Rahmah", "Syahidah", "Zakiyah", "Amalia"});
// Family names of Hadhrami descent, carried from father to child.
constexpr auto kArabFamily = std::to_array<std::string_view>(
    {"Alatas", "Assegaf", "Alhabsyi", "Alaydrus", "Baswedan", "Bafadhal", "Shahab", "Albar", "Alkaff", "Bawazier",
     "Aljufri", "Basalamah", "Alhadad", "Bahasyim", "Bin Thalib"});

// ---- Names given across groups since about 2000 ----
constexpr auto kModernMale = std::to_array<std::string_view>(
    {"Muhammad", "Ahmad",   "Raka",   "Rafi",   "Alif",   "Fajar",  "Dimas",  "Rizky",  "Farhan", "Bayu",
     "Arya",     "Reza",    "Gilang", "Raihan", "Naufal", "Azka",   "Fathan", "Zidan",  "Daffa",  "Kenzie",
     "Aditya",   "Bintang", "Rafa",   "Satria", "Yusuf",  "Haikal", "Arkan",  "Abizar", "Dzaky",  "Fadhil"});
constexpr auto kModernMaleLast = std::to_array<std::string_view>(
    {"Pratama", "Ramadhan", "Saputra",  "Firmansyah", "Maulana",  "Hidayat", "Akbar",
     "Nugraha", "Putra",    "Alfarizi", "Syahputra",  "Prasetya", "Wijaya",  "Kurniawan",
     "Alfatih", "Aditama",  "Hakim",    "Rizki",      "Permana",  "Setiawan"});
constexpr auto kModernFemale = std::to_array<std::string_view>(
    {"Putri",  "Aulia",  "Nabila", "Salsabila", "Zahra",  "Annisa",  "Dinda",  "Keysha",  "Nayla", "Aisyah",
     "Alya",   "Citra",  "Amelia", "Syifa",     "Adinda", "Azzahra", "Kirana", "Cantika", "Naura", "Aqila",
     "Khanza", "Zaskia", "Shafa",  "Nadia",     "Tiara",  "Anisa",   "Rahma",  "Intan"});
constexpr auto kModernFemaleLast = std::to_array<std::string_view>(
    {"Rahmawati", "Ramadhani", "Putri",       "Safitri",   "Lestari",    "Maharani", "Azzahra",
     "Nuraini",   "Permata",   "Anggraini",   "Febriani",  "Oktaviani",  "Amelia",   "Pratiwi",
     "Wulandari", "Aprilia",   "Khairunnisa", "Salsabila", "Nurfadilah", "Kusuma"});

constexpr std::array<int, kSukuCount> kSukuWeight{31, 24, 21, 6, 7, 6};  // Jawa Sunda Betawi Batak Tionghoa Arab

// Birthplaces away from home. Weights by Suku order: Jawa, Sunda, Betawi, Batak, Tionghoa, Arab.
constexpr std::array<OriginTown, 50> kOrigins{{
    {"Jakarta", "31.71", {4, 3, 14, 3, 10, 8}},
    {"Jakarta", "31.72", {3, 2, 10, 3, 12, 6}},
    {"Jakarta", "31.73", {4, 3, 14, 3, 12, 6}},
    {"Jakarta", "31.74", {3, 2, 12, 3, 4, 6}},
    {"Jakarta", "31.75", {4, 3, 12, 4, 4, 6}},
    {"Tangerang", "36.03", {3, 4, 10, 1, 14, 2}},
    {"Serang", "36.04", {1, 6, 2, 0, 1, 1}},
    {"Serang", "36.73", {1, 5, 1, 1, 1, 1}},
    {"Pandeglang", "36.01", {0, 5, 1, 0, 0, 1}},
    {"Lebak", "36.02", {0, 5, 1, 0, 0, 0}},
    {"Cilegon", "36.72", {1, 3, 1, 1, 1, 1}},
    {"Bogor", "32.01", {1, 8, 4, 1, 2, 3}},
    {"Bogor", "32.71", {1, 5, 3, 1, 2, 3}},
    {"Bekasi", "32.75", {2, 3, 5, 2, 2, 2}},
    {"Depok", "32.76", {1, 2, 5, 1, 1, 2}},
    {"Bandung", "32.73", {2, 12, 1, 2, 4, 2}},
    {"Garut", "32.05", {0, 10, 0, 0, 0, 1}},
    {"Tasikmalaya", "32.06", {0, 7, 0, 0, 0, 1}},
    {"Tasikmalaya", "32.78", {0, 4, 0, 0, 1, 1}},
    {"Ciamis", "32.07", {1, 7, 0, 0, 0, 0}},
    {"Kuningan", "32.08", {1, 8, 0, 0, 0, 0}},
    {"Cirebon", "32.74", {3, 5, 0, 0, 2, 2}},
    {"Sukabumi", "32.02", {0, 7, 0, 0, 1, 1}},
    {"Sukabumi", "32.72", {0, 3, 0, 0, 1, 0}},
    {"Cianjur", "32.03", {0, 7, 0, 0, 0, 1}},
    {"Karawang", "32.15", {1, 5, 1, 0, 1, 0}},
    {"Indramayu", "32.12", {4, 3, 0, 0, 0, 0}},
    {"Majalengka", "32.10", {1, 5, 0, 0, 0, 0}},
    {"Brebes", "33.29", {10, 2, 0, 0, 0, 1}},
    {"Tegal", "33.28", {8, 0, 0, 0, 0, 1}},
    {"Pemalang", "33.27", {6, 0, 0, 0, 0, 0}},
    {"Cilacap", "33.01", {6, 1, 0, 0, 0, 0}},
    {"Purwokerto", "33.02", {6, 0, 0, 0, 1, 0}},
    {"Kebumen", "33.05", {7, 0, 0, 0, 0, 0}},
    {"Purworejo", "33.06", {5, 0, 0, 0, 0, 0}},
    {"Wonogiri", "33.12", {7, 0, 0, 0, 0, 0}},
    {"Klaten", "33.10", {5, 0, 0, 0, 0, 0}},
    {"Surakarta", "33.72", {4, 0, 0, 0, 2, 2}},
    {"Semarang", "33.74", {5, 0, 0, 1, 3, 2}},
    {"Pekalongan", "33.75", {3, 0, 0, 0, 1, 6}},
    {"Pati", "33.18", {4, 0, 0, 0, 0, 0}},
    {"Yogyakarta", "34.71", {5, 0, 0, 1, 2, 1}},
    {"Surabaya", "35.78", {3, 0, 0, 1, 3, 5}},
    {"Medan", "12.71", {1, 0, 0, 14, 4, 1}},
    {"Pematangsiantar", "12.72", {0, 0, 0, 9, 1, 0}},
    {"Tarutung", "12.02", {0, 0, 0, 10, 0, 0}},
    {"Balige", "12.12", {0, 0, 0, 8, 0, 0}},
    {"Palembang", "16.71", {2, 1, 1, 2, 3, 4}},
    {"Bandar Lampung", "18.71", {4, 2, 1, 2, 2, 2}},
    {"Padang", "13.71", {1, 1, 1, 2, 1, 3}},
}};

std::string_view pick_from(Rng& rng, Names list) { return rng.pick(list); }

// A word from `list` other than `previous` ("Tri Tri" and "Nur Nur" are not names).
std::string_view pick_distinct(Rng& rng, Names list, std::string_view previous) {
    for (int attempt = 0; attempt < 8; ++attempt) {
        std::string_view w = rng.pick(list);
        if (w != previous) return w;
    }
    return list[0] != previous ? list[0] : list[1];
}

void append_word(std::string& out, std::string_view word) {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += word;
}

std::string_view last_word(std::string_view name) {
    auto const sp = name.rfind(' ');
    return sp == std::string_view::npos ? name : name.substr(sp + 1);
}

std::string_view first_word(std::string_view name) { return name.substr(0, name.find(' ')); }

Surname const* find_surname(std::string_view hokkien) {
    for (auto const& s : kSurnames)
        if (s.hokkien == hokkien) return &s;
    return nullptr;
}

bool is_male(Sex s) { return s == Sex::L; }

// Given name(s) plus, sometimes, a second word from the "last" list: the usual shape in the
// groups without family names.
void given_and_last(Rng& rng, Names first, Names last, int last_permille, std::string& out) {
    std::string_view const a = pick_from(rng, first);
    append_word(out, a);
    if (a == "Abdul") {  // "Abdul" never stands alone: it is the first half of "servant of X"
        append_word(out, pick_from(rng, kAbdulSuffix));
        return;
    }
    if (rng.permille(last_permille)) append_word(out, pick_distinct(rng, last, a));
}

void modern_name(Rng& rng, Sex sex, std::string& out) {
    Names first = is_male(sex) ? Names(kModernMale) : Names(kModernFemale);
    Names last = is_male(sex) ? Names(kModernMaleLast) : Names(kModernFemaleLast);
    std::string_view const a = pick_from(rng, first);
    append_word(out, a);
    // Three-word names are the fashion: "Muhammad Rizky Pratama", "Aulia Putri Ramadhani".
    if (rng.permille(450)) {
        std::string_view const b = pick_distinct(rng, first, a);
        append_word(out, b);
        append_word(out, pick_distinct(rng, last, b));
    } else {
        append_word(out, pick_distinct(rng, last, a));
    }
}

// The child of a man with a two-word name often carries his last word ("Rizky Santoso", son of
// "Budi Santoso"); a daughter less often.
void maybe_father_last(Rng& rng, NameRequest const& r, std::string& out) {
    if (r.father_name.empty() || r.father_name.find(' ') == std::string_view::npos) return;
    std::string_view const fl = last_word(r.father_name);
    if (fl == last_word(out) || fl == first_word(out)) return;
    if (!rng.permille(is_male(r.sex) ? 350 : 120)) return;
    // Replace the child's last word when it has two or more, else append.
    if (auto const sp = out.rfind(' '); sp != std::string::npos && rng.permille(600)) out.resize(sp);
    append_word(out, fl);
}

void jawa_sunda_betawi(Rng& rng, NameRequest const& r, std::string& out) {
    Names first, last, old;
    int mononym_permille = 0;  // born before 1970; tapering off to none by 1985
    switch (r.suku) {
        case Suku::Jawa:
            first = is_male(r.sex) ? Names(kJawaMale) : Names(kJawaFemale);
            last = is_male(r.sex) ? Names(kJawaMaleLast) : Names(kJawaFemaleLast);
            old = is_male(r.sex) ? Names(kJawaOldMale) : Names(kJawaOldFemale);
            mononym_permille = 500;
            break;
        case Suku::Sunda:
            first = is_male(r.sex) ? Names(kSundaMale) : Names(kSundaFemale);
            last = is_male(r.sex) ? Names(kSundaMaleLast) : Names(kSundaFemaleLast);
            old = is_male(r.sex) ? Names(kSundaOldMale) : Names(kSundaOldFemale);
            mononym_permille = 450;
            break;
        default:
            first = is_male(r.sex) ? Names(kBetawiMale) : Names(kBetawiFemale);
            last = is_male(r.sex) ? Names(kBetawiMaleLast) : Names(kBetawiFemaleLast);
            old = is_male(r.sex) ? Names(kBetawiOldMale) : Names(kBetawiOldFemale);
            mononym_permille = 380;
            break;
    }
    if (r.birth_year < 1970) {
        if (rng.permille(mononym_permille)) {
            append_word(out, pick_from(rng, rng.permille(700) ? old : first));
            // Old Betawi records name the father: "Mamat bin Sanusi".
            if (r.suku == Suku::Betawi && rng.permille(120)) {
                append_word(out, is_male(r.sex) ? "bin" : "binti");
                append_word(out, pick_from(rng, rng.permille(500) ? Names(kBetawiOldMale) : Names(kBetawiMale)));
                if (out.ends_with("Abdul")) append_word(out, pick_from(rng, kAbdulSuffix));
            }
            return;
        }
        given_and_last(rng, first, last, 1000, out);
        return;
    }
    if (r.birth_year >= 2000 && rng.permille(r.birth_year >= 2010 ? 650 : 450)) {
        modern_name(rng, r.sex, out);
    } else {
        given_and_last(rng, first, last, 1000, out);
        // A third word now and then: "Siti Nur Rahayu".
        if (r.birth_year >= 1980 && rng.permille(150) && out.find(' ') != std::string::npos) {
            std::string_view const l = last_word(out);
            std::string tail(l);
            out.resize(out.size() - l.size() - 1);
            append_word(out, pick_distinct(rng, first, first_word(out)));
            append_word(out, tail);
        }
    }
    maybe_father_last(rng, r, out);
}

void batak(Rng& rng, NameRequest const& r, std::string& out) {
    std::string_view marga = r.family_name.empty() ? pick_from(rng, kMarga) : r.family_name;
    if (is_male(r.sex)) {
        std::string_view const a =
            r.birth_year >= 2000 && rng.permille(400) ? pick_from(rng, kModernMale) : pick_from(rng, kBatakMale);
        append_word(out, a);
        if (rng.permille(350)) append_word(out, pick_distinct(rng, kBatakMaleMiddle, a));
        append_word(out, marga);
        return;
    }
    std::string_view const a =
        r.birth_year >= 2000 && rng.permille(400) ? pick_from(rng, kModernFemale) : pick_from(rng, kBatakFemale);
    append_word(out, a);
    // "Br" (boru, daughter of) before the marga, mostly in older records and for wives.
    bool const boru = r.married_in ? rng.permille(650) : rng.permille(r.birth_year < 1990 ? 450 : 150);
    if (boru) append_word(out, "Br");
    append_word(out, marga);
}

void tionghoa(Rng& rng, NameRequest const& r, std::string& out) {
    Surname const* s = find_surname(r.family_name);
    if (s == nullptr) s = &kSurnames[static_cast<size_t>(rng.weighted(kSurnameWeight))];
    // Before the 1966 name-change policy, and among Cina Benteng elders long after: three
    // Hokkien syllables, surname first ("Lim Kim Hok", "Oey Siu Nio").
    if (r.birth_year < 1967 && rng.permille(700)) {
        append_word(out, s->hokkien);
        if (is_male(r.sex)) {
            std::string_view const a = pick_from(rng, kHokkienMale);
            append_word(out, a);
            append_word(out, pick_distinct(rng, kHokkienMale, a));
        } else {
            std::string_view const a = pick_from(rng, kHokkienFemale);
            append_word(out, a);
            append_word(out, rng.permille(450) ? std::string_view("Nio") : pick_distinct(rng, kHokkienFemale, a));
        }
        return;
    }
    Names given = is_male(r.sex) ? Names(kTionghoaMale) : Names(kTionghoaFemale);
    if (r.birth_year >= 1995 && rng.permille(500))
        given = is_male(r.sex) ? Names(kTionghoaYoungMale) : Names(kTionghoaYoungFemale);
    std::string_view const a = pick_from(rng, given);
    append_word(out, a);
    int const form = static_cast<int>(rng.below(100));
    if (form < 50) {  // Indonesian given name, Hokkien surname last: "Hendra Lim"
        if (rng.permille(250)) append_word(out, pick_distinct(rng, given, a));
        append_word(out, s->hokkien);
    } else if (form < 85) {  // the Indonesianised family name: "Hendra Halim"
        std::string_view const fam = s->indonesian[rng.below(3)];
        append_word(out, fam != a ? fam : s->indonesian[0]);
    } else {  // no family name at all
        append_word(out, pick_distinct(rng, given, a));
    }
}

void arab(Rng& rng, NameRequest const& r, std::string& out) {
    if (r.birth_year >= 2000 && rng.permille(350)) {
        modern_name(rng, r.sex, out);
    } else if (is_male(r.sex)) {
        std::string_view const a = pick_from(rng, kArabMale);
        append_word(out, a);
        if (a == "Abdul") append_word(out, pick_from(rng, kAbdulSuffix));
        if (r.family_name.empty() || rng.permille(500)) append_word(out, pick_distinct(rng, kArabMaleLast, a));
    } else {
        // Women of sayyid families are written "Syarifah <name>".
        std::string_view const a =
            !r.family_name.empty() && rng.permille(350) ? std::string_view("Syarifah") : pick_from(rng, kArabFemale);
        append_word(out, a);
        if (r.family_name.empty() || a == "Syarifah" || rng.permille(400))
            append_word(out, pick_distinct(rng, kArabFemaleLast, a));
    }
    if (!r.family_name.empty()) {
        append_word(out, r.family_name);
    } else {
        maybe_father_last(rng, r, out);
    }
}

// Permendagri 73/2022 allows at most 60 characters: drop middle words until it fits.
void fit_length(std::string& out) {
    constexpr size_t kMaxName = 60;
    while (out.size() > kMaxName) {
        auto const first_sp = out.find(' ');
        auto const second_sp = first_sp == std::string::npos ? std::string::npos : out.find(' ', first_sp + 1);
        if (second_sp == std::string::npos) {
            out.resize(kMaxName);
            return;
        }
        out.erase(first_sp, second_sp - first_sp);
    }
}

}  // namespace

Suku pick_suku(Rng& rng) { return static_cast<Suku>(rng.weighted(kSukuWeight)); }

Suku pick_other_suku(Rng& rng, Suku not_this) {
    auto w = kSukuWeight;
    w[static_cast<size_t>(not_this)] = 0;
    return static_cast<Suku>(rng.weighted(w));
}

std::string_view pick_family_name(Rng& rng, Suku suku) {
    switch (suku) {
        case Suku::Batak: return pick_from(rng, kMarga);
        case Suku::Tionghoa: return kSurnames[static_cast<size_t>(rng.weighted(kSurnameWeight))].hokkien;
        case Suku::Arab: return rng.permille(350) ? pick_from(rng, kArabFamily) : std::string_view{};
        default: return {};
    }
}

std::string_view pick_other_marga(Rng& rng, std::string_view not_this) { return pick_distinct(rng, kMarga, not_this); }

void make_name(Rng& rng, NameRequest const& request, std::string& out) {
    out.clear();
    switch (request.suku) {
        case Suku::Jawa:
        case Suku::Sunda:
        case Suku::Betawi: jawa_sunda_betawi(rng, request, out); break;
        case Suku::Batak: batak(rng, request, out); break;
        case Suku::Tionghoa: tionghoa(rng, request, out); break;
        case Suku::Arab: arab(rng, request, out); break;
    }
    fit_length(out);
}

std::span<OriginTown const> origin_towns() { return kOrigins; }

int pick_origin(Rng& rng, Suku suku) {
    static constexpr auto kWeights = [] {
        std::array<std::array<int, kOrigins.size()>, kSukuCount> w{};
        for (size_t s = 0; s < w.size(); ++s)
            for (size_t i = 0; i < kOrigins.size(); ++i) w[s][i] = kOrigins[i].weight[s];
        return w;
    }();
    return rng.weighted(kWeights[static_cast<size_t>(suku)]);
}

}  // namespace pilar::synth
