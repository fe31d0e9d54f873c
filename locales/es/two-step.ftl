# Inicio de sesión en dos pasos: el código que se pide tras la contraseña (/login/code), su
# configuración en los ajustes (/settings/two-step) y su restablecimiento por un
# administrador en la página del hogar. Ver docs/TRANSLATING.md.

## Tras una contraseña correcta

login-code-title = Inicio de sesión en dos pasos
login-code-label = Código de tu aplicación de autenticación
login-code-hint = Los seis dígitos que muestra ahora la aplicación. ¿Perdiste el móvil? Escribe en su lugar uno de tus códigos de recuperación.
login-code-submit = Entrar
login-code-restart = Volver a empezar con tu contraseña
login-code-wrong = ese código no es correcto: escribe los seis dígitos que muestra ahora la aplicación (cada código sirve una sola vez) o uno de tus códigos de recuperación
login-code-expired = El inicio de sesión esperó demasiado su código. Vuelve a entrar con tu contraseña.

## Ajustes

settings-two-step = Inicio de sesión en dos pasos
settings-two-step-is-on = Activado: para entrar se pide tu contraseña y un código de tu aplicación de autenticación.
settings-two-step-is-off = Desactivado: entras solo con tu contraseña.
settings-two-step-manage = Inicio de sesión en dos pasos…

## Ajustes → inicio de sesión en dos pasos (/settings/two-step)

two-step-title = Inicio de sesión en dos pasos
two-step-intro = Con el inicio de sesión en dos pasos, para entrar se pide tu contraseña y un código de seis dígitos de una aplicación de autenticación de tu móvil. Quien averigüe tu contraseña seguirá sin poder entrar.
two-step-codes-title = Tus códigos de recuperación
two-step-codes-save = Guarda estos códigos en un lugar seguro, lejos del móvil: impresos o en un gestor de contraseñas. Cada uno te deja entrar una vez si pierdes el móvil. Solo se muestran ahora.
two-step-on = El inicio de sesión en dos pasos está activado
two-step-codes-left = { $n ->
    [0] No te quedan códigos de recuperación: crea otros nuevos abajo.
    [one] Te queda un código de recuperación.
    [many] Te quedan { $n } códigos de recuperación.
   *[other] Te quedan { $n } códigos de recuperación.
}
two-step-password = Tu contraseña, para confirmar
two-step-new-codes = Crear nuevos códigos de recuperación
two-step-turn-off = Desactivar el inicio de sesión en dos pasos
two-step-off = El inicio de sesión en dos pasos está desactivado
two-step-set-up = Configurar una aplicación de autenticación
two-step-scan = Escanea este código con tu aplicación de autenticación
two-step-qr = Código QR para escanear con una aplicación de autenticación
two-step-type-instead = O escribe esta clave en la aplicación:
two-step-open-app = ¿En este móvil? Abre la clave en tu aplicación de autenticación
two-step-first-code = El código de seis dígitos que muestra ahora la aplicación
two-step-confirm = Activar
two-step-code-wrong = ese código no es correcto: comprueba que la aplicación muestra la entrada que acabas de añadir y escribe sus seis dígitos actuales
two-step-password-wrong = la contraseña es incorrecta
two-step-turned-off = El inicio de sesión en dos pasos está desactivado. Entras solo con tu contraseña.
two-step-back = Volver a los ajustes

## La página del hogar (administradores)

household-two-step-on = más que una contraseña
household-reset-two-step = Restablecer el inicio de sesión en dos pasos y las llaves de acceso
household-factors-reset = { $name } ahora entra solo con su contraseña y puede volver a configurar el inicio de sesión en dos pasos y las llaves de acceso.
