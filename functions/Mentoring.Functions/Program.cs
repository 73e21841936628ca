using Mentoring.Application.Hosting;
using Mentoring.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();
builder.AddMentoringApplication();
builder.UseHttpProblems();

builder.Build().Run();
