using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Cluster;

/// <summary>
/// Create-or-update for the objects kubeadm writes: create; when it exists, read it and replace it with the read
/// resourceVersion; on a conflict (someone wrote in between) read again and retry.
/// </summary>
public sealed class ApiWriter(IKubernetes client, PhaseContext context)
{
    /// <summary>The field manager kubeadm uses, so managedFields read the same.</summary>
    public const string FieldManager = "kubeadm";

    const int Attempts = 5;

    /// <summary>The client.</summary>
    public IKubernetes Client => client;

    /// <summary>Creates or updates a ConfigMap.</summary>
    public Task ApplyAsync(V1ConfigMap o, CancellationToken ct) => UpsertAsync(o,
        () => client.CoreV1.CreateNamespacedConfigMapAsync(o, Ns(o), fieldManager: FieldManager, cancellationToken: ct),
        () => client.CoreV1.ReadNamespacedConfigMapAsync(o.Name(), Ns(o), cancellationToken: ct),
        () => client.CoreV1.ReplaceNamespacedConfigMapAsync(o, o.Name(), Ns(o), fieldManager: FieldManager, cancellationToken: ct));

    /// <summary>Creates or updates a Secret; its data never reaches an event.</summary>
    public Task ApplyAsync(V1Secret o, CancellationToken ct) => UpsertAsync(o,
        () => client.CoreV1.CreateNamespacedSecretAsync(o, Ns(o), fieldManager: FieldManager, cancellationToken: ct),
        () => client.CoreV1.ReadNamespacedSecretAsync(o.Name(), Ns(o), cancellationToken: ct),
        () => client.CoreV1.ReplaceNamespacedSecretAsync(o, o.Name(), Ns(o), fieldManager: FieldManager, cancellationToken: ct));

    /// <summary>Creates or updates a ServiceAccount.</summary>
    public Task ApplyAsync(V1ServiceAccount o, CancellationToken ct) => UpsertAsync(o,
        () => client.CoreV1.CreateNamespacedServiceAccountAsync(o, Ns(o), fieldManager: FieldManager, cancellationToken: ct),
        () => client.CoreV1.ReadNamespacedServiceAccountAsync(o.Name(), Ns(o), cancellationToken: ct),
        () => client.CoreV1.ReplaceNamespacedServiceAccountAsync(o, o.Name(), Ns(o), fieldManager: FieldManager, cancellationToken: ct));

    /// <summary>
    /// Creates or updates a Service. A Service that exists with a fixed cluster IP fails its create with 422 ("provided IP
    /// is already allocated") before the name is checked, so, as kubeadm does for kube-dns, 422 also means: update it.
    /// </summary>
    public Task ApplyAsync(V1Service o, CancellationToken ct) => UpsertAsync(o,
        () => client.CoreV1.CreateNamespacedServiceAsync(o, Ns(o), fieldManager: FieldManager, cancellationToken: ct),
        () => client.CoreV1.ReadNamespacedServiceAsync(o.Name(), Ns(o), cancellationToken: ct),
        () => client.CoreV1.ReplaceNamespacedServiceAsync(o, o.Name(), Ns(o), fieldManager: FieldManager, cancellationToken: ct),
        existsToo: HttpStatusCode.UnprocessableEntity);

    /// <summary>Creates or updates a Deployment.</summary>
    public Task ApplyAsync(V1Deployment o, CancellationToken ct) => UpsertAsync(o,
        () => client.AppsV1.CreateNamespacedDeploymentAsync(o, Ns(o), fieldManager: FieldManager, cancellationToken: ct),
        () => client.AppsV1.ReadNamespacedDeploymentAsync(o.Name(), Ns(o), cancellationToken: ct),
        () => client.AppsV1.ReplaceNamespacedDeploymentAsync(o, o.Name(), Ns(o), fieldManager: FieldManager, cancellationToken: ct));

    /// <summary>Creates or updates a DaemonSet.</summary>
    public Task ApplyAsync(V1DaemonSet o, CancellationToken ct) => UpsertAsync(o,
        () => client.AppsV1.CreateNamespacedDaemonSetAsync(o, Ns(o), fieldManager: FieldManager, cancellationToken: ct),
        () => client.AppsV1.ReadNamespacedDaemonSetAsync(o.Name(), Ns(o), cancellationToken: ct),
        () => client.AppsV1.ReplaceNamespacedDaemonSetAsync(o, o.Name(), Ns(o), fieldManager: FieldManager, cancellationToken: ct));

    /// <summary>Creates or updates a ClusterRole.</summary>
    public Task ApplyAsync(V1ClusterRole o, CancellationToken ct) => UpsertAsync(o,
        () => client.RbacAuthorizationV1.CreateClusterRoleAsync(o, fieldManager: FieldManager, cancellationToken: ct),
        () => client.RbacAuthorizationV1.ReadClusterRoleAsync(o.Name(), cancellationToken: ct),
        () => client.RbacAuthorizationV1.ReplaceClusterRoleAsync(o, o.Name(), fieldManager: FieldManager, cancellationToken: ct));

    /// <summary>Creates or updates a ClusterRoleBinding.</summary>
    public Task ApplyAsync(V1ClusterRoleBinding o, CancellationToken ct) => UpsertAsync(o,
        () => client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(o, fieldManager: FieldManager, cancellationToken: ct),
        () => client.RbacAuthorizationV1.ReadClusterRoleBindingAsync(o.Name(), cancellationToken: ct),
        () => client.RbacAuthorizationV1.ReplaceClusterRoleBindingAsync(o, o.Name(), fieldManager: FieldManager, cancellationToken: ct));

    /// <summary>Creates or updates a Role.</summary>
    public Task ApplyAsync(V1Role o, CancellationToken ct) => UpsertAsync(o,
        () => client.RbacAuthorizationV1.CreateNamespacedRoleAsync(o, Ns(o), fieldManager: FieldManager, cancellationToken: ct),
        () => client.RbacAuthorizationV1.ReadNamespacedRoleAsync(o.Name(), Ns(o), cancellationToken: ct),
        () => client.RbacAuthorizationV1.ReplaceNamespacedRoleAsync(o, o.Name(), Ns(o), fieldManager: FieldManager, cancellationToken: ct));

    /// <summary>Creates or updates a RoleBinding.</summary>
    public Task ApplyAsync(V1RoleBinding o, CancellationToken ct) => UpsertAsync(o,
        () => client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(o, Ns(o), fieldManager: FieldManager, cancellationToken: ct),
        () => client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(o.Name(), Ns(o), cancellationToken: ct),
        () => client.RbacAuthorizationV1.ReplaceNamespacedRoleBindingAsync(o, o.Name(), Ns(o), fieldManager: FieldManager, cancellationToken: ct));

    /// <summary>Whether an API error is this status.</summary>
    public static bool Is(HttpOperationException e, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Response.StatusCode == status;
    }

    /// <summary>The API server's message from an error's Status body, else the HTTP status.</summary>
    public static string Describe(HttpOperationException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(e.Response.Content);
            if (status?.Message is { Length: > 0 } m)
            {
                return $"{(int)e.Response.StatusCode} {status.Reason}: {m}";
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return $"{(int)e.Response.StatusCode} {e.Response.ReasonPhrase}";
    }

    static string Ns<T>(T o)
        where T : IMetadata<V1ObjectMeta> => o.Metadata.NamespaceProperty ?? "default";

    async Task UpsertAsync<T>(T desired, Func<Task<T>> create, Func<Task<T>> read, Func<Task<T>> replace, HttpStatusCode existsToo = HttpStatusCode.Conflict)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var what = $"{desired.Kind ?? typeof(T).Name[2..]} {(desired.Metadata.NamespaceProperty is { } ns ? ns + "/" : "")}{desired.Metadata.Name}";
        HttpOperationException createFailure;
        try
        {
            await create();
            context.Note($"created {what}");
            return;
        }
        catch (HttpOperationException e) when (Is(e, HttpStatusCode.Conflict) || Is(e, existsToo))
        {
            // exists: update it below
            createFailure = e;
        }
        catch (HttpOperationException e)
        {
            throw Failed("create", what, e);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var current = await read();
                desired.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
                await replace();
                context.Note($"updated {what}");
                return;
            }
            catch (HttpOperationException e) when (Is(e, HttpStatusCode.Conflict) && attempt < Attempts)
            {
                // written in between: read again
            }
            catch (HttpOperationException e) when (Is(e, HttpStatusCode.NotFound) && !Is(createFailure, HttpStatusCode.Conflict))
            {
                // it does not exist after all: the create's own error is the one to report
                throw Failed("create", what, createFailure);
            }
            catch (HttpOperationException e)
            {
                throw Failed("update", what, e);
            }
        }
    }

    static PhaseException Failed(string verb, string what, HttpOperationException e) =>
        new($"cannot {verb} {what}: {Describe(e)}",
            Is(e, HttpStatusCode.Forbidden) || Is(e, HttpStatusCode.Unauthorized) ? "the kubeconfig in use is not allowed to; use admin.conf" : null, e);
}
