using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sentinel.Domain.Projects;

namespace Sentinel.Infrastructure.Persistence.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("Projects");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.Slug).HasMaxLength(Project.SlugMaxLength);
        builder.HasIndex(p => p.Slug).IsUnique();
        // Names are unique (archived ones included): the service compares them case-insensitively first, the index
        // stops two admins who create the same name at the same moment.
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Ignore(p => p.IsArchived);
        builder.Ignore(p => p.EnvironmentNames);
        builder.Property(p => p.Environments).HasMaxLength(ProjectEnvironments.StoredMaxLength);
        // A database default, so the migration can add the column to existing projects.
        builder.Property(p => p.RetentionDays).HasDefaultValue(Project.DefaultRetentionDays);
    }
}
