// The one binary. Everything it can do is in src/cli; this only catches what nothing else did.
#include <exception>
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    try {
        return pilar::cli::run(argc, argv);
    } catch (std::exception const& e) {
        std::cerr << "pilar: internal error: " << e.what() << '\n';
        return 1;
    }
}
