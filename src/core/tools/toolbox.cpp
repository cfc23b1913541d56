#include "core/tools/toolbox.h"
