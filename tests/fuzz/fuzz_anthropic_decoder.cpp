// The Anthropic decoder: whichever way the body is cut into reads, the user sees the same answer.
#include "fuzzdecoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return SluiceFuzz::fuzzDecoder(Sluice::ProviderType::Anthropic, data, size);
}
