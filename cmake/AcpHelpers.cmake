# acp_add_test(NAME <name> LABEL <unit|e2e|conformance> SOURCES <files...> LIBS <targets...> [TIMEOUT s])
# One executable per test, registered with CTest, run offscreen.
function(acp_add_test)
  cmake_parse_arguments(T "" "NAME;LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  target_include_directories(${T_NAME} PRIVATE ${CMAKE_SOURCE_DIR})
  target_compile_definitions(${T_NAME} PRIVATE ACP_SHARED_DIR="${ACP_SHARED_DIR}" ACP_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                             ACP_BIN_DIR="${CMAKE_BINARY_DIR}/bin")
  set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABEL}" TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;ACP_BIN_DIR=${CMAKE_BINARY_DIR}/bin")
endfunction()

# Per-part source lists: every <dir>/*.cmake file calls target_sources() on the layer's target,
# so parts of a layer can be added independently.
macro(acp_include_parts target)
  file(GLOB _parts CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cmake)
  foreach(_p ${_parts})
    include(${_p})
  endforeach()
endmacro()
