using k8s.Models;

namespace Kiln.Phases.Cluster;

/// <summary>Builders for the RBAC objects of cmd/kubeadm/app/phases/bootstraptoken/node/tlsbootstrap.go.</summary>
public static class Rbac
{
    const string Group = "rbac.authorization.k8s.io";

    /// <summary>A Group subject.</summary>
    public static Rbacv1Subject GroupSubject(string name) => new() { ApiGroup = Group, Kind = "Group", Name = name };

    /// <summary>A User subject.</summary>
    public static Rbacv1Subject UserSubject(string name) => new() { ApiGroup = Group, Kind = "User", Name = name };

    /// <summary>A ServiceAccount subject.</summary>
    public static Rbacv1Subject ServiceAccountSubject(string ns, string name) => new() { Kind = "ServiceAccount", Name = name, NamespaceProperty = ns };

    /// <summary>A ClusterRoleBinding to a ClusterRole.</summary>
    public static V1ClusterRoleBinding ClusterBinding(string name, string clusterRole, params Rbacv1Subject[] subjects) => new()
    {
        ApiVersion = $"{Group}/v1", Kind = "ClusterRoleBinding",
        Metadata = new V1ObjectMeta { Name = name },
        RoleRef = new V1RoleRef { ApiGroup = Group, Kind = "ClusterRole", Name = clusterRole },
        Subjects = subjects,
    };

    /// <summary>A Role allowing <c>get</c> on named objects of one resource.</summary>
    public static V1Role GetNamedRole(string ns, string name, string resource, string resourceName) => new()
    {
        ApiVersion = $"{Group}/v1", Kind = "Role",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Rules = [new V1PolicyRule { ApiGroups = [""], Resources = [resource], ResourceNames = [resourceName], Verbs = ["get"] }],
    };

    /// <summary>A RoleBinding to the Role of the same name.</summary>
    public static V1RoleBinding RoleBinding(string ns, string name, params Rbacv1Subject[] subjects) => new()
    {
        ApiVersion = $"{Group}/v1", Kind = "RoleBinding",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        RoleRef = new V1RoleRef { ApiGroup = Group, Kind = "Role", Name = name },
        Subjects = subjects,
    };

    /// <summary>A Role allowing <c>get</c> on one named object, and its binding.</summary>
    public static async Task GrantGetAsync(ApiWriter api, string ns, string name, string resource, string resourceName, Rbacv1Subject[] subjects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        await api.ApplyAsync(GetNamedRole(ns, name, resource, resourceName), ct);
        await api.ApplyAsync(RoleBinding(ns, name, subjects), ct);
    }
}
