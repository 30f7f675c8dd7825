acp_add_test(NAME tst_printercolumns LABEL unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_printercolumns.cpp
  LIBS acp_models)
