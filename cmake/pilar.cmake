# Helpers that make every folder's library and tests the same way.
#
#   pilar_library(NAME core SRCS a.cpp b.cpp DEPS fmt::fmt)
#     -> static library `pilar_core`, include root at src/, warnings and sanitizers applied.
#   pilar_test(NAME core_test SRCS a_test.cpp DEPS pilar_core)
#     -> GoogleTest executable registered with CTest (label "unit").

set(PILAR_WARNINGS -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wno-missing-field-initializers)

function(pilar_apply_flags target)
  target_compile_options(${target} PRIVATE ${PILAR_WARNINGS})
  if(PILAR_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(PILAR_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

function(pilar_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;PUBLIC_DEPS" ${ARGN})
  add_library(pilar_${ARG_NAME} STATIC ${ARG_SRCS})
  target_include_directories(pilar_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/generated)
  target_link_libraries(pilar_${ARG_NAME} PUBLIC ${ARG_PUBLIC_DEPS} ${ARG_DEPS})
  pilar_apply_flags(pilar_${ARG_NAME})
endfunction()

function(pilar_executable)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS})
  pilar_apply_flags(${ARG_NAME})
endfunction()

function(pilar_test)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  if(NOT PILAR_TESTS)
    return()
  endif()
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  pilar_apply_flags(${ARG_NAME})
  # The test files themselves are compiled without optimisation in the sanitizer build: with
  # ASan+UBSan, -O1 code generation is ~2/3 of `make test`'s compile time (gtest's macros expand
  # into a lot of instrumented code) while the code under test, in the libraries, keeps -O1.
  if(PILAR_SANITIZE)
    target_compile_options(${ARG_NAME} PRIVATE -O0)
  endif()
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME} --gtest_brief=1)
  # A hung test must fail the run, not stall CI until its time limit.
  set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT 300)
  set_tests_properties(${ARG_NAME} PROPERTIES LABELS unit
    ENVIRONMENT "PILAR_SOURCE_DIR=${PROJECT_SOURCE_DIR};ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endfunction()
