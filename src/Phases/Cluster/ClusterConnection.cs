using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Cluster;

/// <summary>
/// The cluster API for live phases, connected on first use from a kubeconfig on the target. When that is kubeadm's
/// <c>admin.conf</c> and the cluster does not yet authorize it, the <c>kubeadm:cluster-admins</c> binding is created
/// with <c>super-admin.conf</c> first (cmd/kubeadm/app/phases/bootstraptoken/node/tlsbootstrap.go), as kubeadm ≥1.29 does.
/// </summary>
public sealed class ClusterConnection
{
    /// <summary>The group admin.conf's certificate carries.</summary>
    public const string ClusterAdminsGroup = "kubeadm:cluster-admins";

    readonly Func<CancellationToken, Task<IKubernetes>> _connect;
    Task<IKubernetes>? _client;

    /// <summary>A connection made by <paramref name="connect"/> on first use.</summary>
    public ClusterConnection(Func<CancellationToken, Task<IKubernetes>> connect) => _connect = connect;

    /// <summary>The client; the first call connects (and authorizes admin.conf when needed).</summary>
    public Task<IKubernetes> GetAsync(CancellationToken cancellationToken) => _client ??= _connect(cancellationToken);

    /// <summary>A connection from the kubeconfig at <paramref name="path"/> on <paramref name="root"/>.</summary>
    /// <param name="root">Where the kubeconfig lives.</param>
    /// <param name="path">Node path of the kubeconfig.</param>
    /// <param name="superAdminPath">The super-admin kubeconfig to authorize admin.conf with, or null not to try.</param>
    /// <param name="clock">For the wait until the new binding takes effect.</param>
    public static ClusterConnection FromKubeConfig(ITargetRoot root, string path, string? superAdminPath, TimeProvider clock) =>
        new(async ct =>
        {
            var client = Open(root, path);
            if (superAdminPath is not null && root.Exists(superAdminPath))
            {
                await EnsureAuthorizedAsync(client, () => Open(root, superAdminPath), clock, ct);
            }

            return client;
        });

    /// <summary>A client for a kubeconfig's bytes.</summary>
    public static IKubernetes Open(byte[] kubeconfig, string describe)
    {
        try
        {
            using var stream = new MemoryStream(kubeconfig);
            return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(stream));
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or FormatException or InvalidOperationException or YamlDotNet.Core.YamlException)
        {
            throw new PhaseException($"{describe}: not a usable kubeconfig: {e.Message}", "check the file, or pass another with --kubeconfig", e);
        }
    }

    static IKubernetes Open(ITargetRoot root, string path)
    {
        if (!root.Exists(path))
        {
            throw new PhaseException($"{root.Describe(path)}: no such kubeconfig", "run the kubeconfig phases first, or pass --kubeconfig FILE");
        }

        return Open(root.ReadAllBytes(path), root.Describe(path));
    }

    static async Task EnsureAuthorizedAsync(IKubernetes admin, Func<IKubernetes> superAdmin, TimeProvider clock, CancellationToken ct)
    {
        var binding = new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = ClusterAdminsGroup },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "cluster-admin" },
            Subjects = [new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = ClusterAdminsGroup }],
        };
        try
        {
            await admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(binding, fieldManager: ApiWriter.FieldManager, cancellationToken: ct);
            return;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            // admin.conf is not authorized yet: create its binding as super-admin (system:masters)
        }

        using var super = superAdmin();
        try
        {
            await super.RbacAuthorizationV1.CreateClusterRoleBindingAsync(binding, fieldManager: ApiWriter.FieldManager, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }

        // the RBAC authorizer sees the new binding through its informer: wait until admin.conf may read it
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await admin.RbacAuthorizationV1.ReadClusterRoleBindingAsync(ClusterAdminsGroup, cancellationToken: ct);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden && clock.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), clock, ct);
            }
        }
    }
}
