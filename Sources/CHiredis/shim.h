// Thin system-library shim over Debian's libhiredis-dev (0.14.x; also fine with 1.x).
// Only the non-variadic API is used from Swift: redisConnectWithTimeout, redisSetTimeout,
// redisAppendCommandArgv, redisGetReply, redisGetReplyFromReader, redisBufferRead, freeReplyObject, redisFree.
#ifndef FWB_CHIREDIS_SHIM_H
#define FWB_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif
