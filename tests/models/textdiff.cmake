acp_add_test(NAME tst_textdiff LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_textdiff.cpp LIBS acp_models)
acp_add_test(NAME tst_fieldownership LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_fieldownership.cpp LIBS acp_models)
