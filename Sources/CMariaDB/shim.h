#ifndef FWB_CMARIADB_SHIM_H
#define FWB_CMARIADB_SHIM_H

#include <stddef.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <errmsg.h>

/// mysql_library_init is a macro in libmariadb; expose it as a function Swift can call.
static inline int cmariadb_library_init(void) {
    return mysql_library_init(0, NULL, NULL);
}

/// Status codes of mysql_stmt_fetch (macros in the header).
static const int CMARIADB_NO_DATA = MYSQL_NO_DATA;
static const int CMARIADB_DATA_TRUNCATED = MYSQL_DATA_TRUNCATED;
static const unsigned int CMARIADB_UNSIGNED_FLAG = UNSIGNED_FLAG;
static const unsigned int CMARIADB_BINARY_CHARSET = 63;

#endif
