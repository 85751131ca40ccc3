using Kiln.Phases.Certs;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Targets;

namespace Kiln.ImageBuilder.Build;

/// <summary>
/// The expiry of an image state's certificates: a build refuses a state whose certificates expired (an image made from
/// it would not come up) and warns when they expire within <see cref="Soon"/>; <see cref="RenewAsync"/> renews them
/// through the same renewal as <c>kiln certs renew</c>, each keeping its lifetime and key type.
/// </summary>
public static class StateCertificates
{
    const string Pki = "/etc/kubernetes/pki";

    static PkiInputs Inputs => new(ConfigDefaults.Cluster(new ClusterConfiguration()), "state", "127.0.0.1");

    /// <summary>How long before expiry a build warns.</summary>
    public static TimeSpan Soon { get; } = TimeSpan.FromDays(30);

    /// <summary>Every certificate of the state, CAs first.</summary>
    public static Task<IReadOnlyList<StateCertificate>> ListAsync(BuildState state, CancellationToken cancellationToken) =>
        StagedAsync(state, root => Task.FromResult<IReadOnlyList<StateCertificate>>(
            [.. NodeCertificates.List(root, Inputs).Select(c => new StateCertificate(StateName(c.Path), c.Authority, c.NotAfter))]), cancellationToken);

    /// <summary>The certificates expired at <paramref name="now"/>, and those expiring within <see cref="Soon"/> of it.</summary>
    public static async Task<(IReadOnlyList<StateCertificate> Expired, IReadOnlyList<StateCertificate> Expiring)> CheckAsync(BuildState state, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var all = await ListAsync(state, cancellationToken);
        return ([.. all.Where(c => c.NotAfter <= now)], [.. all.Where(c => c.NotAfter > now && c.NotAfter <= now + Soon)]);
    }

    /// <summary>
    /// Renews the leaves and kubeconfigs that expire within <see cref="Soon"/> (every one with <paramref name="all"/>), and the
    /// CAs only with <paramref name="authorities"/> (with their own keys, so the CA pin and every signature stay valid).
    /// The state changes as one commit, and only when every renewal worked.
    /// </summary>
    public static Task<IReadOnlyList<StateRenewal>> RenewAsync(BuildState state, bool all, bool authorities, DateTimeOffset now, CancellationToken cancellationToken) =>
        StagedAsync(state, async root =>
        {
            var done = new List<StateRenewal>();
            var keys = new KeyPool();
            foreach (var c in NodeCertificates.List(root, Inputs).Where(c => c.Authority ? authorities : all || c.NotAfter <= now + Soon))
            {
                var problem = await NodeCertificates.RenewInKindAsync(root, Inputs, c, keys, now, cancellationToken);
                done.Add(new StateRenewal(StateName(c.Path), c.NotAfter, problem is null ? now + c.Lifetime : null, problem));
            }

            if (done.Count > 0 && done.TrueForAll(r => r.Problem is null))
            {
                state.CopyOut(root.Map(Pki), root.Map("/etc/kubernetes"));
            }

            return (IReadOnlyList<StateRenewal>)done;
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a private copy of the state laid out as a node (its PKI and kubeconfigs under /etc/kubernetes).</summary>
    static async Task<T> StagedAsync<T>(BuildState state, Func<DirectoryRoot, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var staging = Directory.CreateTempSubdirectory("kiln-state-").FullName;
        try
        {
            var root = new DirectoryRoot(staging, durable: false);
            await state.CopyInAsync(root, Pki, cancellationToken);
            return await work(root);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    static string StateName(string nodePath) => nodePath.StartsWith(Pki + "/", StringComparison.Ordinal)
        ? "pki/" + nodePath[(Pki.Length + 1)..]
        : "kubeconfig/" + Path.GetFileName(nodePath);
}
