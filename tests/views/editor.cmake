acp_add_test(NAME tst_yamleditor LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_yamleditor.cpp LIBS acp_views_editor)
acp_add_test(NAME tst_editorviews LABEL unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_editorviews.cpp LIBS acp_views_editor)
