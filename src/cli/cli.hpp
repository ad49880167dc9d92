// Entry point of the `pilar` command line (DESIGN.md "Interfaces other tools rely on").
#pragma once

namespace pilar::cli {

// Parses and runs one subcommand; returns the process exit code (0, 1 or 2).
int run(int argc, char** argv);

}  // namespace pilar::cli
