// libargon2 (the reference Argon2 implementation, Debian's libargon2-dev).
#include <argon2.h>
