using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Kiln.Phases.Certs;

/// <summary>A certificate and its key pair.</summary>
/// <param name="Certificate">The certificate.</param>
/// <param name="Keys">The key pair.</param>
public sealed record CertAndKey(X509Certificate Certificate, AsymmetricCipherKeyPair Keys);
