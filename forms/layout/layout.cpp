#include "forms/layout/layout.h"
