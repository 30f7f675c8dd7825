acp_add_test(NAME tst_projectquotaadmission LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_projectquotaadmission.cpp LIBS acp_sandbox)
