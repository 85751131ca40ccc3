using System.Collections.Concurrent;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Kiln.Phases.Certs;

/// <summary>
/// Hands out fresh key pairs, generating the ones a workflow will need in the background, in parallel:
/// RSA generation dominates a cold init, and the keys are independent of each other.
/// </summary>
public sealed class KeyPool
{
    readonly ConcurrentDictionary<string, ConcurrentQueue<Task<AsymmetricCipherKeyPair>>> _ready = new(StringComparer.Ordinal);
    SecureRandom? _random;

    /// <summary>Starts generating <paramref name="count"/> keys of an algorithm.</summary>
    public void Prefetch(KeyAlgorithm algorithm, int count)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var queue = _ready.GetOrAdd(algorithm.Name, _ => new ConcurrentQueue<Task<AsymmetricCipherKeyPair>>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(Task.Run(() => algorithm.Generate(new SecureRandom())));
        }
    }

    /// <summary>A new key pair: a prefetched one when there is one, else generated now.</summary>
    public async Task<AsymmetricCipherKeyPair> NextAsync(KeyAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (_ready.TryGetValue(algorithm.Name, out var queue) && queue.TryDequeue(out var ready))
        {
            return await ready;
        }

        // made on first use: seeding it costs a run that reuses every key (an image rebuild) about 0.02 s
        return algorithm.Generate(LazyInitializer.EnsureInitialized(ref _random));
    }
}
