# Tests of the sandbox admission plugins (sandbox/admission.cmake).
acp_add_test(NAME tst_admission LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_admission.cpp LIBS acp_sandbox)
