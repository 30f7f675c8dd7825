acp_add_test(NAME tst_fieldvalidation LABEL e2e SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_fieldvalidation.cpp LIBS acp_sandbox Qt6::Network)
