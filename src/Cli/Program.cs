using Kiln.Cli;

// BouncyCastle proves every RSA modulus it parses composite with Miller-Rabin rounds (about 0.1 s per 2048-bit key),
// and a run that reuses a PKI parses each key and certificate several times. Go's crypto, which kubeadm uses, does
// not; the keys Kiln reads are the node's own. An explicit setting in the environment still wins.
if (Environment.GetEnvironmentVariable("Org.BouncyCastle.Rsa.MaxMRTests") is null)
{
    Environment.SetEnvironmentVariable("Org.BouncyCastle.Rsa.MaxMRTests", "0");
}

return await KilnCli.RunAsync(args, CliContext.ForProcess());
